import { initServiceTRPC } from "@mercato/kit";
import { TRPCError } from "@trpc/server";
import type { CartDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<CartDeps>();

/**
 * A guest or a signed-in shopper. A bearer token that fails verification is refused rather than
 * treated as a guest, so an expired session never silently shows an empty guest cart.
 */
export const shopperProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.authError) throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError });
  return next();
});
