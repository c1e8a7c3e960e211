import { TRPCError } from "@trpc/server";
import { loadView, paymentByOrder } from "../db/queries.ts";
import { canAttempt } from "../domain/payment-status.ts";
import { completeTestAction, confirmTestPayment } from "../payments/test-checkout.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";
import { byOrderInput, completeTestActionInput, confirmTestInput } from "./inputs.ts";

/** What the storefront calls. Paying needs no account: the client secret proves the payer holds the intent. */
export const shopperProcedures = {
  confirmTest: publicProcedure
    .input(confirmTestInput)
    .mutation(({ ctx, input }) => confirmTestPayment(ctx.deps, input)),

  completeTestAction: publicProcedure
    .input(completeTestActionInput)
    .mutation(({ ctx, input }) => completeTestAction(ctx.deps, input)),

  /** The shopper's own payment (or any, for an admin); someone else's is indistinguishable from none. */
  forOrder: authedProcedure.input(byOrderInput).query(async ({ ctx, input }) => {
    const payment = await paymentByOrder(ctx.deps.db, input.orderId);
    const own = payment !== undefined && payment.userId !== null && payment.userId === ctx.user.id;
    if (!payment || (!own && ctx.user.role !== "admin")) {
      throw new TRPCError({ code: "NOT_FOUND", message: `orderId: no payment for order ${input.orderId}` });
    }
    const view = await loadView(ctx.deps.db, payment);
    // Only the payer gets the secret, and only while there is something left to pay.
    const payable = canAttempt(payment.status) || payment.status === "requires_action";
    return { ...view, clientSecret: own && payable ? payment.clientSecret : null };
  }),
};
