import { calculateTax } from "../app/calculate-tax.ts";
import { createIntent } from "../app/create-intent.ts";
import { paymentOfOrder, paymentsForOrder } from "../app/read-payments.ts";
import { refundPayment } from "../app/refund-payment.ts";
import { byOrderInput, calculateTaxInput, createIntentInput, refundInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

/** For other services (orders' saga), with a service credential. */
export const internalRouter = router({
  createIntent: internalProcedure(["orders"])
    .input(createIntentInput)
    .mutation(({ ctx, input }) => createIntent(ctx.deps, input)),
  refund: internalProcedure(["orders"])
    .input(refundInput)
    .mutation(({ ctx, input }) => refundPayment(ctx.deps, input)),
  /** A mutation (POST) although it writes nothing: a region's rules are too large for a GET URL. */
  calculateTax: internalProcedure(["orders"])
    .input(calculateTaxInput)
    .mutation(({ ctx, input }) => calculateTax(ctx.deps, input)),
  byOrder: internalProcedure(["orders", "ops"])
    .input(byOrderInput)
    .query(({ ctx, input }) => paymentOfOrder(ctx.deps, input.orderId)),
  /** Every payment of the order (checkout, then exchanges), each with its refunds. */
  listForOrder: internalProcedure(["orders", "ops"])
    .input(byOrderInput)
    .query(({ ctx, input }) => paymentsForOrder(ctx.deps, input.orderId)),
});
