import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";

const PASSED_ON = new Set(["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "FORBIDDEN", "PRECONDITION_FAILED"]);

/**
 * Calls another service. Its refusals (a 4xx naming a field, like an empty cart) reach our caller
 * as they are; its absence becomes a 503 that names it, never a bare 500.
 */
export async function upstream<T>(service: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof TRPCClientError) {
      const code = (err.data as { code?: string } | undefined)?.code;
      if (code && PASSED_ON.has(code)) {
        throw new TRPCError({ code: code as "BAD_REQUEST", message: err.message, cause: err });
      }
      if (!code || code === "INTERNAL_SERVER_ERROR" || code === "SERVICE_UNAVAILABLE") {
        throw new TRPCError({
          code: "SERVICE_UNAVAILABLE",
          message: `${service}: the ${service} service is unavailable; try again shortly`,
          cause: err,
        });
      }
    }
    throw err;
  }
}
