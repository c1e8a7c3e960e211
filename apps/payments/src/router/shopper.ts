import { paymentMode } from "../app/payment-mode.ts";
import { shopperPayment, shopperPayments } from "../app/read-payments.ts";
import { completeTestAction, confirmTestPayment } from "../app/test-checkout.ts";
import { byOrderInput, completeTestActionInput, confirmTestInput } from "../contract.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";

/** What the storefront calls. Paying needs no account: the client secret proves the payer holds the intent. */
export const shopperProcedures = {
  /** Which provider takes payments, and whether it is the test provider (no real money). */
  mode: publicProcedure.query(({ ctx }) => paymentMode(ctx.deps)),

  confirmTest: publicProcedure
    .input(confirmTestInput)
    .mutation(({ ctx, input }) => confirmTestPayment(ctx.deps, input)),

  completeTestAction: publicProcedure
    .input(completeTestActionInput)
    .mutation(({ ctx, input }) => completeTestAction(ctx.deps, input)),

  /** The shopper's own payment (or any, for an admin). */
  forOrder: authedProcedure
    .input(byOrderInput)
    .query(({ ctx, input }) => shopperPayment(ctx.deps, ctx.user, input.orderId)),

  /** Every payment of the shopper's own order (or any, for an admin): checkout, then exchanges. */
  listForOrder: authedProcedure
    .input(byOrderInput)
    .query(({ ctx, input }) => shopperPayments(ctx.deps, ctx.user, input.orderId)),
};
