import { listPayments } from "../app/list-payments.ts";
import { paymentOfOrder, paymentsForOrder } from "../app/read-payments.ts";
import { byOrderInput, listPaymentsInput } from "../contract.ts";
import { adminProcedure, router } from "../trpc.ts";

export const adminRouter = router({
  list: adminProcedure.input(listPaymentsInput).query(({ ctx, input }) => listPayments(ctx.deps, input)),
  byOrder: adminProcedure.input(byOrderInput).query(({ ctx, input }) => paymentOfOrder(ctx.deps, input.orderId)),
  /** Every payment of the order (checkout, then exchanges), each with its refunds. */
  listForOrder: adminProcedure.input(byOrderInput).query(({ ctx, input }) => paymentsForOrder(ctx.deps, input.orderId)),
});
