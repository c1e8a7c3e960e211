import { adminListPayments, adminPaymentOfOrder, adminPaymentsForOrder } from "../app/seller-payments.ts";
import { byOrderInput, listPaymentsInput } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  list: staffProcedure("orders.read")
    .input(listPaymentsInput)
    .query(({ ctx, input }) => adminListPayments(ctx.deps, ctx.user, input)),
  byOrder: staffProcedure("orders.read")
    .input(byOrderInput)
    .query(({ ctx, input }) => adminPaymentOfOrder(ctx.deps, ctx.user, input)),
  /** Every payment of the order (checkout, then exchanges), each with its refunds. */
  listForOrder: staffProcedure("orders.read")
    .input(byOrderInput)
    .query(({ ctx, input }) => adminPaymentsForOrder(ctx.deps, ctx.user, input)),
});
