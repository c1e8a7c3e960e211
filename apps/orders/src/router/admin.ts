import { adminCancelOrder, deliverOrder, refundOrder, shipOrder } from "../app/order-commands.ts";
import { adminOrderDetail } from "../app/order-detail.ts";
import { orderFeed } from "../app/order-feed.ts";
import { adminOrderList } from "../app/order-lists.ts";
import { orderStats } from "../app/order-reports.ts";
import { adminCancelInput, adminListInput, orderRefInput, refundInput, shipInput, statsInput } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  list: staffProcedure("orders.read")
    .input(adminListInput)
    .query(({ ctx, input }) => adminOrderList(ctx.deps, input)),

  /** The order and its full history from the event store. */
  byId: staffProcedure("orders.read")
    .input(orderRefInput)
    .query(({ ctx, input }) => adminOrderDetail(ctx.deps, input.orderId)),

  ship: staffProcedure("orders.fulfil")
    .input(shipInput)
    .mutation(({ ctx, input }) => shipOrder(ctx.deps, input)),

  deliver: staffProcedure("orders.fulfil")
    .input(orderRefInput)
    .mutation(({ ctx, input }) => deliverOrder(ctx.deps, input)),

  cancel: staffProcedure("orders.cancel")
    .input(adminCancelInput)
    .mutation(({ ctx, input }) => adminCancelOrder(ctx.deps, input)),

  /** Part or all of what was paid. Re-sending the same `idempotencyKey` refunds once. */
  refund: staffProcedure("orders.refund")
    .input(refundInput)
    .mutation(({ ctx, input }) => refundOrder(ctx.deps, input)),

  /** For the dashboard: today's orders and revenue, counts by status, revenue per UTC day (30 days). */
  stats: staffProcedure("analytics.read")
    .input(statsInput)
    .query(({ ctx, input }) => orderStats(ctx.deps, input)),

  /** New orders and status changes as they happen (SSE). */
  onFeed: staffProcedure("orders.read").subscription(({ ctx, signal }) => orderFeed(ctx.deps, signal)),
});
