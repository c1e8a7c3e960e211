import { cartForCheckout, checkCodeForOrder } from "../app/checkout.ts";
import { checkCodeInput, forCheckoutInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

/** For orders: the cart to check out, and the code check it repeats at checkout. */
export const internalRouter = router({
  forCheckout: internalProcedure(["orders"])
    .input(forCheckoutInput)
    .query(({ ctx, input }) => cartForCheckout(ctx.deps, input)),
  checkCode: internalProcedure(["orders"])
    .input(checkCodeInput)
    .query(({ ctx, input }) => checkCodeForOrder(ctx.deps, input)),
});
