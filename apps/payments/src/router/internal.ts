import { TRPCError } from "@trpc/server";
import { loadView, paymentByOrder } from "../db/queries.ts";
import { createIntent } from "../payments/create-intent.ts";
import { refundPayment } from "../payments/refund.ts";
import { internalProcedure, router } from "../trpc.ts";
import { byOrderInput, createIntentInput, refundInput } from "./inputs.ts";

/** For other services (orders' saga), with a service credential. */
export const internalRouter = router({
  createIntent: internalProcedure.input(createIntentInput).mutation(({ ctx, input }) => createIntent(ctx.deps, input)),

  refund: internalProcedure.input(refundInput).mutation(({ ctx, input }) => refundPayment(ctx.deps, input)),

  byOrder: internalProcedure.input(byOrderInput).query(async ({ ctx, input }) => {
    const payment = await paymentByOrder(ctx.deps.db, input.orderId);
    if (!payment) throw new TRPCError({ code: "NOT_FOUND", message: `orderId: no payment for order ${input.orderId}` });
    return loadView(ctx.deps.db, payment);
  }),
});
