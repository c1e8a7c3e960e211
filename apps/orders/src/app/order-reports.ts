import { and, count, eq, gte, isNotNull, sql, sum } from "drizzle-orm";
import type { OrderBooks, OrderStats, StatsInput } from "../contract.ts";
import { countByStatus } from "../db/queries.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { revenueSeries, startOfUtcDay } from "../domain/stats.ts";

const STATS_DAYS = 30;

/** For the dashboard: today's orders and revenue, counts by status, revenue per UTC day (30 days). */
export async function orderStats(deps: OrdersDeps, input: StatsInput): Promise<OrderStats> {
  const orm = deps.db.orm;
  const now = new Date();
  const today = startOfUtcDay(now).getTime();
  const since = today - (STATS_DAYS - 1) * 86_400_000;
  const inCurrency = eq(orderViews.currency, input.currency);
  const net = sql<number>`${orderViews.paidAmount} - ${orderViews.refundedTotal}`;
  const day = sql<string>`strftime('%Y-%m-%d', ${orderViews.paidAt} / 1000, 'unixepoch')`;
  const [placedToday, paidToday, counts, perDay] = await Promise.all([
    orm.select({ n: count() }).from(orderViews).where(gte(orderViews.placedAt, today)),
    orm
      .select({ revenue: sum(net) })
      .from(orderViews)
      .where(and(inCurrency, gte(orderViews.paidAt, today))),
    countByStatus(deps.db),
    orm
      .select({ day, revenue: sum(net) })
      .from(orderViews)
      .where(and(inCurrency, gte(orderViews.paidAt, since)))
      .groupBy(day),
  ]);
  return {
    currency: input.currency,
    today: { orders: placedToday[0]?.n ?? 0, revenue: Number(paidToday[0]?.revenue ?? 0) },
    byStatus: counts.byStatus,
    revenueByDay: revenueSeries(
      perDay.map((r) => ({ day: r.day, revenue: Number(r.revenue ?? 0) })),
      now,
      STATS_DAYS,
    ),
  };
}

/** The books, for reconciliation checks (benchmarks, audits): orders by status and money taken. */
export async function orderBooks(deps: OrdersDeps): Promise<OrderBooks> {
  const [counts, paid] = await Promise.all([
    countByStatus(deps.db),
    deps.db.orm
      .select({ n: count(), paidTotal: sum(orderViews.paidAmount), refundedTotal: sum(orderViews.refundedTotal) })
      .from(orderViews)
      .where(isNotNull(orderViews.paidAt)),
  ]);
  return {
    orders: counts.total,
    byStatus: counts.byStatus,
    paidOrders: paid[0]?.n ?? 0,
    paidTotal: Number(paid[0]?.paidTotal ?? 0),
    refundedTotal: Number(paid[0]?.refundedTotal ?? 0),
  };
}
