import { listPayments } from "../app/list-payments.ts";
import { paymentOfOrder, paymentsForOrder } from "../app/read-payments.ts";
import { refuseSeller } from "../app/seller-refusal.ts";
import { byOrderInput, listPaymentsInput } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  list: staffProcedure("orders.read")
    .input(listPaymentsInput)
    .query(({ ctx, input }) => listPayments(ctx.deps, refuseSeller(ctx.user, input))),
  byOrder: staffProcedure("orders.read")
    .input(byOrderInput)
    .query(({ ctx, input }) => paymentOfOrder(ctx.deps, refuseSeller(ctx.user, input).orderId)),
  /** Every payment of the order (checkout, then exchanges), each with its refunds. */
  listForOrder: staffProcedure("orders.read")
    .input(byOrderInput)
    .query(({ ctx, input }) => paymentsForOrder(ctx.deps, refuseSeller(ctx.user, input).orderId)),
});
