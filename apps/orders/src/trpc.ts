import { initServiceTRPC } from "@mercato/kit";
import { TRPCError } from "@trpc/server";
import type { OrdersDeps } from "./deps.ts";
import { OrderRuleError, OrderTransitionError } from "./domain/errors.ts";

const t = initServiceTRPC<OrdersDeps>();

/** Domain refusals become 4xx with the domain's message (which names the field or both states). */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof OrderTransitionError) throw new TRPCError({ code: "CONFLICT", message: cause.message, cause });
    if (cause instanceof OrderRuleError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.publicProcedure.use(domainErrors);
export const authedProcedure = t.authedProcedure.use(domainErrors);
export const adminProcedure = t.adminProcedure.use(domainErrors);
export const internalProcedure = t.internalProcedure.use(domainErrors);
