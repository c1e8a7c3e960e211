/**
 * How every tRPC router of Mercato answers an error — the services' (through the kit) and the
 * catalog's edge worker alike. Pure (tRPC, zod and the shared error types, no server-only module),
 * so the edge bundle imports it as `@mercato/kit/error-format`.
 */
import { MalformedCursorError } from "@mercato/db/keyset";
import { type TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { DomainError, invalid } from "./errors.ts";

/** Names every failing field: `lines.0.quantity: Too small: expected number to be >0`. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`).join("; ");
}

/** Refusals from the shared packages that are domain errors by another name. */
export function asDomainError(cause: unknown): DomainError | null {
  if (cause instanceof DomainError) return cause;
  if (cause instanceof MalformedCursorError) return invalid(cause.field, cause.message);
  return null;
}

/**
 * The error shape on the wire: a domain error keeps its code and message and names its field and
 * reason in `data` (also where no middleware saw it, inside a subscription's stream); a zod failure
 * is `Invalid input: <field>: <problem>` with `data.field`, `data.fieldErrors` and `data.issues`;
 * anything else unexpected is "Internal server error" (its cause is logged, never sent).
 */
export function formatServiceError(shape: TRPCDefaultErrorShape, error: TRPCError) {
  const zod = error.cause instanceof ZodError ? error.cause : null;
  const domain = asDomainError(error.cause);
  const code = domain ? domain.code : shape.data.code;
  const firstIssue = zod?.issues[0];
  return {
    ...shape,
    code: domain ? TRPC_ERROR_CODES_BY_KEY[domain.code] : shape.code,
    message: zod
      ? `Invalid input: ${describeZodError(zod)}`
      : domain
        ? domain.message
        : code === "INTERNAL_SERVER_ERROR"
          ? "Internal server error"
          : shape.message,
    data: {
      code,
      httpStatus: domain ? getHTTPStatusCodeFromError(new TRPCError({ code: domain.code })) : shape.data.httpStatus,
      path: shape.data.path,
      ...(domain ? { field: domain.field, reason: domain.reason } : {}),
      ...(zod
        ? {
            field: firstIssue?.path.length ? firstIssue.path.map(String).join(".") : "input",
            reason: firstIssue?.message,
            fieldErrors: zod.flatten().fieldErrors as Record<string, string[] | undefined>,
            issues: zod.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
          }
        : {}),
    },
  };
}
