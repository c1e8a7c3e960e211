import { TRPCError } from "@trpc/server";
import type { CodeRefusal } from "../domain/discount-code.ts";

/** An unknown code is NOT_FOUND; a known code that does not apply (expired, used up...) is BAD_REQUEST. */
export function codeError(refusal: CodeRefusal): TRPCError {
  return new TRPCError({ code: refusal.reason === "unknown" ? "NOT_FOUND" : "BAD_REQUEST", message: refusal.message });
}
