import { can, PERMISSIONS, type Permission } from "@mercato/access";
import type { ServiceName } from "@mercato/registry";
import { initTRPC, type TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { AuthUser } from "./auth.ts";
import { clientAddressOf } from "./client-address.ts";
import { asDomainError, formatServiceError } from "./error-format.ts";
import { forbidden } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./metrics.ts";
import { releasingWhenDone, type StreamLimiter } from "./stream-limit.ts";
import { procedureSpan } from "./tracing/spans.ts";
import { wireTransformer } from "./wire-json.ts";

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
  /**
   * False once the user's token has been revoked (sign-out, password, ban, role change) since the
   * request began: live streams check it and end. Absent where no token was verified (callers).
   */
  stillAuthorized?: () => boolean;
  log: Logger;
  /** Headers to add to the response (Cache-Control, ETag...). */
  resHeaders: Headers;
  req: Request;
  metrics: Metrics;
  /** Caps the live streams per client address and user (absent: no cap, e.g. in a unit test). */
  streams?: StreamLimiter;
}

export type ServiceContext<Deps> = RequestContext & { deps: Deps };

/** What a procedure declares about itself: the callers an internal procedure admits, the permission a staff one needs. */
export interface ProcedureMeta {
  /** The services (or the `ops` tools) whose service credential may call this internal procedure. */
  internalCallers?: readonly InternalCaller[];
  /** The permission a staff procedure requires (`staffProcedure("orders.refund")`); the permission matrix test reads it. */
  permission?: Permission;
  /** The REST path of the procedure (#24, trpc-to-openapi): `{ method: "GET", path: "/products" }`; see rest.ts. */
  openapi?: OpenApiMeta["openapi"];
}

/**
 * Who may present a service credential: a service of the registry, or `ops` (audits, benchmarks
 * and reconciliation tools reading the books).
 */
export type InternalCaller = ServiceName | "ops";

/**
 * The one place a domain error becomes a tRPC error: its kind picks the code (NOT_FOUND, CONFLICT...),
 * its message is kept, and the formatter adds `data.field` / `data.reason`.
 */
function mapDomainErrors<R extends { ok: boolean; error?: unknown }>(result: R): R {
  if (result.ok || !(result.error instanceof TRPCError)) return result;
  const domain = asDomainError(result.error.cause);
  if (!domain) return result;
  return { ...result, error: new TRPCError({ code: domain.code, message: domain.message, cause: domain }) };
}

/**
 * One formatter for every builder, so routers of two builders can be merged (tRPC refuses
 * "several error formatters" otherwise): the kit's `system` router joins each service's router.
 */
const serviceErrorFormatter = ({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }) =>
  formatServiceError(shape, error);

// ── 2. Init ─────────────────────────────────────────────────────────────────────────────────
/**
 * The tRPC builder of one service, typed by its dependencies (db, bus, clients...).
 * Each service calls this once in its `src/trpc.ts`.
 */
export function initServiceTRPC<Deps>() {
  const t = initTRPC
    .context<ServiceContext<Deps>>()
    .meta<ProcedureMeta>()
    .create({
      transformer: wireTransformer,
      // Stacks never leave the process; they are logged with the request id instead.
      isDev: false,
      // Bun closes idle connections; a ping keeps live subscriptions (SSE) open.
      // A stream lasts at most SSE_MAX_DURATION_MS (15 min): the client reconnects and is authorized
      // again, with the token it holds then.
      sse: {
        ping: { enabled: true, intervalMs: 3_000 },
        client: { reconnectAfterInactivityMs: 10_000 },
        maxDurationMs: sseMaxDurationMs(),
      },
      errorFormatter: serviceErrorFormatter,
    });

  const timed = t.middleware(async ({ ctx, path, type, next }) => {
    const started = performance.now();
    const result = mapDomainErrors(await next());
    const code = result.ok ? "OK" : result.error.code;
    ctx.metrics.observeProcedure(path, type, code, (performance.now() - started) / 1000);
    return result;
  });

  /**
   * A live stream holds a place under the per-client cap (the client address the gateway saw and
   * the signed-in user) from its start until it ends, however it ends (client gone, server stop).
   * Service callers are not capped; a request that did not come through the gateway is capped by
   * its user only.
   */
  const streamCap = t.middleware(async ({ ctx, type, next }) => {
    if (type !== "subscription" || !ctx.streams || ctx.caller) return next();
    const address = clientAddressOf(ctx.req);
    const keys = [...(address ? [`addr:${address}`] : []), ...(ctx.user ? [`user:${ctx.user.id}`] : [])];
    if (keys.length === 0) return next();
    const lease = ctx.streams.acquire(keys);
    ctx.req.signal.addEventListener("abort", () => lease.release(), { once: true });
    const result = await next().catch((err: unknown) => {
      lease.release();
      throw err;
    });
    if (!result.ok) {
      lease.release();
      return result;
    }
    const data = result.data;
    if (data && typeof data === "object" && Symbol.asyncIterator in data) {
      return { ...result, data: releasingWhenDone(data as AsyncIterable<unknown>, lease) };
    }
    return result;
  });

  /** A span per procedure, named by its path (tracing/spans.ts). */
  const traced = t.middleware(({ path, type, next }) => procedureSpan(path, type, next));

  // ── 3. Procedures ─────────────────────────────────────────────────────────────────────────
  const publicProcedure = t.procedure.use(traced).use(timed).use(streamCap);

  const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
    if (!ctx.user) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in first: no valid token" });
    }
    const result = await next({ ctx: { ...ctx, user: ctx.user } });
    if (type !== "subscription" || !result.ok || !ctx.stillAuthorized || !isAsyncIterable(result.data)) return result;
    return { ...result, data: endWhenRevoked(result.data, ctx.stillAuthorized) };
  });

  /**
   * For staff holding `permission` (from the verified token's `perms`): without a user → 401; a
   * user without it → 403 with `data.field = "permission"` and a reason naming the permission.
   * The permission is kept in the procedure's meta, so the permission matrix test and
   * docs/SECURITY.md's table are generated from the declarations.
   */
  const staffProcedure = (permission: Permission) =>
    authedProcedure.meta({ permission }).use(({ ctx, path, next }) => {
      if (!can(ctx.user, permission)) {
        throw forbidden(
          "permission",
          `${path} needs the permission "${permission}" (${PERMISSIONS[permission]}); role "${ctx.user.role}" does not have it`,
        );
      }
      return next({ ctx });
    });

  const withCaller = publicProcedure.use(({ ctx, next }) => {
    if (!ctx.caller) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Service credential required" });
    }
    return next({ ctx: { ...ctx, caller: ctx.caller } });
  });

  /**
   * For other services only, and only the ones named: `internalProcedure(["orders"])`. Without a
   * valid service credential → 401; a credential of a service not on the list → 403 naming the
   * caller (field `caller`). The list is kept in the procedure's meta, so audits can read it.
   */
  const internalProcedure = (callers: readonly [InternalCaller, ...InternalCaller[]]) =>
    withCaller.meta({ internalCallers: callers }).use(({ ctx, path, next }) => {
      if (!(callers as readonly string[]).includes(ctx.caller)) {
        throw forbidden("caller", `${ctx.caller} may not call ${path}`);
      }
      return next();
    });

  return {
    router: t.router,
    mergeRouters: t.mergeRouters,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
    publicProcedure,
    authedProcedure,
    staffProcedure,
    internalProcedure,
  };
}

/** Default and override (env `SSE_MAX_DURATION_MS`, read when a service builds its tRPC) of a stream's life. */
export const SSE_MAX_DURATION_MS = 15 * 60_000;
function sseMaxDurationMs(): number {
  const fromEnv = Number(process.env.SSE_MAX_DURATION_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : SSE_MAX_DURATION_MS;
}

/** How often a live stream asks whether its user's token is still good. */
const REVOCATION_POLL_MS = 1_000;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

/**
 * The stream, ended with UNAUTHORIZED as soon as `stillAuthorized` says no (checked every second
 * while it waits for its next item): a banned or demoted user's live feed stops.
 */
async function* endWhenRevoked<T>(source: AsyncIterable<T>, stillAuthorized: () => boolean): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const revoked = () => new TRPCError({ code: "UNAUTHORIZED", message: "Your access was revoked: sign in again" });
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    for (;;) {
      if (!stillAuthorized()) throw revoked();
      const step = it.next();
      const watch = new Promise<"revoked">((resolve) => {
        timer = setInterval(() => {
          if (!stillAuthorized()) resolve("revoked");
        }, REVOCATION_POLL_MS);
      });
      const next = await Promise.race([step, watch]);
      clearInterval(timer);
      if (next === "revoked") {
        step.catch(() => undefined);
        throw revoked();
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearInterval(timer);
    // Not awaited: a generator parked on its next item only returns once that item comes (tRPC
    // aborts the request's signal when the stream ends, which frees it).
    it.return?.()?.catch(() => undefined);
  }
}
