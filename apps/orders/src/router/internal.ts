import { count, isNotNull, sum } from "drizzle-orm";
import { z } from "zod";
import { OrderNotFoundError } from "../app/errors.ts";
import { orderViewById } from "../db/queries.ts";
import { orderViews } from "../db/schema.ts";
import { ORDER_STATUSES, type OrderStatus } from "../domain/status.ts";
import { internalProcedure, router } from "../trpc.ts";
import { orderIdInput } from "./inputs.ts";

export const internalRouter = router({
  /** Who to write to about an order (notifications). */
  contact: internalProcedure.input(z.object({ orderId: orderIdInput })).query(async ({ ctx, input }) => {
    const row = await orderViewById(ctx.deps.db, input.orderId);
    if (!row) throw new OrderNotFoundError(input.orderId);
    return { email: row.detail.email, number: row.number };
  }),

  /** The books, for reconciliation checks (benchmarks, audits): orders by status and money taken. */
  books: internalProcedure.query(async ({ ctx }) => {
    const orm = ctx.deps.db.orm;
    const [byStatus, paid] = await Promise.all([
      orm.select({ status: orderViews.status, n: count() }).from(orderViews).groupBy(orderViews.status),
      orm
        .select({ n: count(), paidTotal: sum(orderViews.paidAmount), refundedTotal: sum(orderViews.refundedTotal) })
        .from(orderViews)
        .where(isNotNull(orderViews.paidAt)),
    ]);
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    for (const r of byStatus) counts[r.status] = r.n;
    return {
      orders: byStatus.reduce((n, r) => n + r.n, 0),
      byStatus: counts,
      paidOrders: paid[0]?.n ?? 0,
      paidTotal: Number(paid[0]?.paidTotal ?? 0),
      refundedTotal: Number(paid[0]?.refundedTotal ?? 0),
    };
  }),
});
