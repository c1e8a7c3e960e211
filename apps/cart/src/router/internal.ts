import { cartForCheckout, checkCodeForOrder, releaseCodeForOrder, reserveCodeForOrder } from "../app/checkout.ts";
import { checkCodeInput, forCheckoutInput, releaseCodeInput, reserveCodeInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

/** For orders: the cart to check out, and the code check it repeats at checkout. */
export const internalRouter = router({
  forCheckout: internalProcedure(["orders"])
    .input(forCheckoutInput)
    .query(({ ctx, input }) => cartForCheckout(ctx.deps, input)),
  checkCode: internalProcedure(["orders"])
    .input(checkCodeInput)
    .query(({ ctx, input }) => checkCodeForOrder(ctx.deps, input)),
  /** Takes one use of the code for an order being placed (atomic under the usage limit). */
  reserveCode: internalProcedure(["orders"])
    .input(reserveCodeInput)
    .mutation(({ ctx, input }) => reserveCodeForOrder(ctx.deps, input)),
  /** Gives back an order's use (its checkout failed after the use was taken). */
  releaseCode: internalProcedure(["orders"])
    .input(releaseCodeInput)
    .mutation(({ ctx, input }) => releaseCodeForOrder(ctx.deps, input.orderId)),
});
