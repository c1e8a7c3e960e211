import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { AuthUser } from "./auth.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./metrics.ts";

// ── 1. Context ──────────────────────────────────────────────────────────────────────────────
/** What every procedure sees about the request, whatever the service. */
export interface RequestContext {
  requestId: string;
  /** The user from a verified JWT; null when no token came. */
  user: AuthUser | null;
  /** The calling service, when the request carried a valid service credential. */
  caller: string | null;
  /** Set when a bearer token was presented but failed verification: authed calls answer 401. */
  authError: string | null;
  log: Logger;
  /** Headers to add to the response (Cache-Control, ETag...). */
  resHeaders: Headers;
  req: Request;
  metrics: Metrics;
}

export type ServiceContext<Deps> = RequestContext & { deps: Deps };

/** Names every failing field: `lines.0.quantity: Too small: expected number to be >0`. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`).join("; ");
}

// ── 2. Init ─────────────────────────────────────────────────────────────────────────────────
/**
 * The tRPC builder of one service, typed by its dependencies (db, bus, clients...).
 * Each service calls this once in its `src/trpc.ts`.
 */
export function initServiceTRPC<Deps>() {
  const t = initTRPC.context<ServiceContext<Deps>>().create({
    transformer: superjson,
    // Stacks never leave the process; they are logged with the request id instead.
    isDev: false,
    // Bun closes idle connections; a ping keeps live subscriptions (SSE) open.
    sse: { ping: { enabled: true, intervalMs: 3_000 }, client: { reconnectAfterInactivityMs: 10_000 } },
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: zod ? `Invalid input: ${describeZodError(zod)}` : internal ? "Internal server error" : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          ...(zod
            ? {
                fieldErrors: zod.flatten().fieldErrors as Record<string, string[] | undefined>,
                issues: zod.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
              }
            : {}),
        },
      };
    },
  });

  const timed = t.middleware(async ({ ctx, path, type, next }) => {
    const started = performance.now();
    const result = await next();
    const code = result.ok ? "OK" : result.error.code;
    ctx.metrics.observeProcedure(path, type, code, (performance.now() - started) / 1000);
    return result;
  });

  // ── 3. Procedures ─────────────────────────────────────────────────────────────────────────
  const publicProcedure = t.procedure.use(timed);

  const authedProcedure = publicProcedure.use(({ ctx, next }) => {
    if (!ctx.user) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in first: no valid token" });
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  });

  const adminProcedure = authedProcedure.use(({ ctx, next }) => {
    if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
    return next({ ctx });
  });

  const internalProcedure = publicProcedure.use(({ ctx, next }) => {
    if (!ctx.caller) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Service credential required" });
    }
    return next({ ctx: { ...ctx, caller: ctx.caller } });
  });

  return {
    router: t.router,
    mergeRouters: t.mergeRouters,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
    publicProcedure,
    authedProcedure,
    adminProcedure,
    internalProcedure,
  };
}
