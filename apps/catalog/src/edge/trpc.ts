import { MalformedCursorError } from "@mercato/db/keyset";
import { DomainError, invalid } from "@mercato/kit/errors";
import { initTRPC, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError } from "zod";
import type { FacetCache } from "../app/facet-cache.ts";
import type { ReadDb } from "../db/queries.ts";

export interface EdgeContext {
  db: ReadDb;
  facetCache: FacetCache;
  resHeaders: Headers;
}

/**
 * The two refusals the public reads make (a domain error, a cursor that is not ours), as the kit
 * reads them. The kit's own mapping lives in its tRPC module beside the libSQL driver and Redis,
 * which cannot be bundled for workerd; only its pure error module is imported here.
 */
function asDomainError(cause: unknown): DomainError | null {
  if (cause instanceof DomainError) return cause;
  if (cause instanceof MalformedCursorError) return invalid(cause.field, cause.message);
  return null;
}

/**
 * The edge worker's tRPC: the same transformer and the same error answers as the service's kit
 * (`Invalid input: <field>: <problem>`, a domain error's code with `data.field` and `data.reason`),
 * without the kit's server-only parts.
 */
const t = initTRPC.context<EdgeContext>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const domain = asDomainError(error.cause);
    const firstIssue = zod?.issues[0];
    const message = zod
      ? `Invalid input: ${zod.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`).join("; ")}`
      : domain
        ? domain.message
        : error.code === "INTERNAL_SERVER_ERROR"
          ? "Internal server error"
          : shape.message;
    return {
      ...shape,
      code: domain ? TRPC_ERROR_CODES_BY_KEY[domain.code] : shape.code,
      message,
      data: {
        code: domain ? domain.code : shape.data.code,
        httpStatus: domain ? getHTTPStatusCodeFromError(new TRPCError({ code: domain.code })) : shape.data.httpStatus,
        path: shape.data.path,
        ...(domain ? { field: domain.field, reason: domain.reason } : {}),
        ...(zod
          ? {
              field: firstIssue?.path.length ? firstIssue.path.map(String).join(".") : "input",
              reason: firstIssue?.message,
            }
          : {}),
      },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
