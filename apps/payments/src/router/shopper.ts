import { paymentMode } from "../app/payment-mode.ts";
import { abandonStep, paymentState } from "../app/pending-step.ts";
import { shopperPayment, shopperPayments } from "../app/read-payments.ts";
import { completeTestAction, confirmTestPayment } from "../app/test-checkout.ts";
import { byOrderInput, completeTestActionInput, confirmTestInput, paymentRefInput } from "../contract.ts";
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

  /** Where the held payment stands (a pending 3-D Secure step after a reload). A mutation: the secret stays out of URLs. */
  state: publicProcedure.input(paymentRefInput).mutation(({ ctx, input }) => paymentState(ctx.deps, input)),

  /** Gives up a pending authentication step ("use another card"); idempotent. Any provider. */
  abandonStep: publicProcedure.input(paymentRefInput).mutation(({ ctx, input }) => abandonStep(ctx.deps, input)),

  /** The shopper's own payment (or any, for an admin). */
  forOrder: authedProcedure
    .input(byOrderInput)
    .query(({ ctx, input }) => shopperPayment(ctx.deps, ctx.user, input.orderId)),

  /** Every payment of the shopper's own order (or any, for an admin): checkout, then exchanges. */
  listForOrder: authedProcedure
    .input(byOrderInput)
    .query(({ ctx, input }) => shopperPayments(ctx.deps, ctx.user, input.orderId)),
};
