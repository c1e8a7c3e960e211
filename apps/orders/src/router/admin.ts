import { exportOrdersPage } from "../app/export-orders.ts";
import { cancelOrderLines, deliverShipment, shipOrder } from "../app/fulfilment.ts";
import { adminCancelOrder, refundOrder } from "../app/order-commands.ts";
import { adminOrderDetail } from "../app/order-detail.ts";
import { orderFeed } from "../app/order-feed.ts";
import { adminOrderList } from "../app/order-lists.ts";
import { orderStats } from "../app/order-reports.ts";
import { checkRefundLimit } from "../app/refund-limit.ts";
import { approveOrderReturn, receiveOrderReturn, rejectOrderReturn, returnsQueue } from "../app/returns.ts";
import {
  adminCancelInput,
  adminListInput,
  adminOrderDetailSchema,
  approveReturnInput,
  cancelLinesInput,
  deliverInput,
  exportPage,
  exportPageInput,
  orderPageSchema,
  orderRefInput,
  orderViewSchema,
  receiveReturnInput,
  refundInput,
  rejectReturnInput,
  returnsListInput,
  shipInput,
  statsInput,
} from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  list: staffProcedure("orders.read")
    .meta({
      openapi: { method: "GET", path: "/admin/orders", tags: ["orders"], summary: "List orders", protect: true },
    })
    .input(adminListInput)
    .output(orderPageSchema)
    .query(({ ctx, input }) => adminOrderList(ctx.deps, input)),

  /** The order and its full history from the event store. */
  byId: staffProcedure("orders.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/orders/{orderId}",
        tags: ["orders"],
        summary: "One order with its history",
        protect: true,
      },
    })
    .input(orderRefInput)
    .output(adminOrderDetailSchema)
    .query(({ ctx, input }) => adminOrderDetail(ctx.deps, input.orderId)),

  /** A shipment of some units (absent: all left), or of an exchange's replacements. */
  ship: staffProcedure("orders.fulfil")
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/orders/{orderId}/shipments",
        tags: ["orders"],
        summary: "Ship units of an order",
        protect: true,
      },
    })
    .input(shipInput)
    .output(orderViewSchema)
    .mutation(({ ctx, input }) => shipOrder(ctx.deps, input)),

  /** One shipment arrived. */
  deliver: staffProcedure("orders.fulfil")
    .input(deliverInput)
    .mutation(({ ctx, input }) => deliverShipment(ctx.deps, input)),

  cancel: staffProcedure("orders.cancel")
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/orders/{orderId}/cancel",
        tags: ["orders"],
        summary: "Cancel an order",
        protect: true,
      },
    })
    .input(adminCancelInput)
    .output(orderViewSchema)
    .mutation(({ ctx, input }) => adminCancelOrder(ctx.deps, input)),

  /** Cancels unshipped units; a paid order gets exactly their money back. */
  cancelLines: staffProcedure("orders.cancel")
    .input(cancelLinesInput)
    .mutation(({ ctx, input }) => cancelOrderLines(ctx.deps, input)),

  /** Part or all of what was paid. Re-sending the same `idempotencyKey` refunds once. */
  refund: staffProcedure("orders.refund")
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/orders/{orderId}/refunds",
        tags: ["orders"],
        summary: "Refund part or all of an order",
        protect: true,
      },
    })
    .input(refundInput)
    .output(orderViewSchema)
    .mutation(({ ctx, input }) => refundOrder(ctx.deps, checkRefundLimit(ctx.user, input))),

  returns: router({
    /** The returns queue, newest request first. */
    list: staffProcedure("orders.read")
      .input(returnsListInput)
      .query(({ ctx, input }) => returnsQueue(ctx.deps, input)),
    approve: staffProcedure("returns.manage")
      .input(approveReturnInput)
      .mutation(({ ctx, input }) => approveOrderReturn(ctx.deps, input)),
    reject: staffProcedure("returns.manage")
      .input(rejectReturnInput)
      .mutation(({ ctx, input }) => rejectOrderReturn(ctx.deps, input)),
    /** What arrived per line; the refund is issued (once) with it. */
    receive: staffProcedure("returns.receive")
      .input(receiveReturnInput)
      .mutation(({ ctx, input }) => receiveOrderReturn(ctx.deps, input)),
  }),

  /** For the dashboard: today's orders and revenue, counts by each status, revenue per UTC day (30 days). */
  stats: staffProcedure("analytics.read")
    .input(statsInput)
    .query(({ ctx, input }) => orderStats(ctx.deps, input)),

  /** New orders and status changes as they happen (SSE). */
  onFeed: staffProcedure("orders.read").subscription(({ ctx, signal }) => orderFeed(ctx.deps, signal)),

  /** CSV exports (#24): the orders CSV a page at a time (one row per order), a seller's own lines. */
  exports: router({
    orders: staffProcedure("orders.read")
      .input(exportPageInput)
      .output(exportPage)
      .query(({ ctx, input }) => exportOrdersPage(ctx.deps, input.cursor)),
  }),
});
