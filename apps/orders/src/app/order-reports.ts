import { and, count, eq, gte, isNotNull, type SQL, sql, sum } from "drizzle-orm";
import type { CurrencyStats, OrderBooks, OrderStats, StatsInput } from "../contract.ts";
import { countByStatus, countReturnsByStatus } from "../db/queries.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { revenueSeries, startOfUtcDay } from "../domain/stats.ts";

const STATS_DAYS = 30;

/**
 * For the dashboard, per currency (money in different currencies is never added up): today's
 * orders and net revenue, and net revenue per UTC day (30 days). A currency is listed when orders
 * were placed in it today or it took money in the 30 days. Counts by status cover every currency.
 */
export async function orderStats(deps: OrdersDeps, input: StatsInput): Promise<OrderStats> {
  const orm = deps.db.orm;
  const now = new Date();
  const today = startOfUtcDay(now).getTime();
  const since = today - (STATS_DAYS - 1) * 86_400_000;
  const inCurrency: SQL | undefined = input.currency ? eq(orderViews.currency, input.currency) : undefined;
  const net = sql<number>`${orderViews.paidAmount} - ${orderViews.refundedTotal}`;
  const day = sql<string>`strftime('%Y-%m-%d', ${orderViews.paidAt} / 1000, 'unixepoch')`;
  const [placedToday, counts, perDay] = await Promise.all([
    orm
      .select({ currency: orderViews.currency, n: count() })
      .from(orderViews)
      .where(and(inCurrency, gte(orderViews.placedAt, today)))
      .groupBy(orderViews.currency),
    countByStatus(deps.db),
    orm
      .select({ currency: orderViews.currency, day, revenue: sum(net) })
      .from(orderViews)
      .where(and(inCurrency, gte(orderViews.paidAt, since)))
      .groupBy(orderViews.currency, day),
  ]);
  const currencies = [...new Set([...placedToday.map((r) => r.currency), ...perDay.map((r) => r.currency)])].sort();
  const todayKey = new Date(today).toISOString().slice(0, 10);
  return {
    currencies: currencies.map((currency): CurrencyStats => {
      const days = perDay
        .filter((r) => r.currency === currency)
        .map((r) => ({ day: r.day, revenue: Number(r.revenue ?? 0) }));
      return {
        currency,
        today: {
          orders: placedToday.find((r) => r.currency === currency)?.n ?? 0,
          revenue: days.find((d) => d.day === todayKey)?.revenue ?? 0,
        },
        revenueByDay: revenueSeries(days, now, STATS_DAYS),
      };
    }),
    byStatus: counts.byStatus,
    byPaymentStatus: counts.byPaymentStatus,
    byFulfilmentStatus: counts.byFulfilmentStatus,
  };
}

/** The books, for reconciliation checks (benchmarks, audits): orders by each status, returns, and money taken per currency. */
export async function orderBooks(deps: OrdersDeps): Promise<OrderBooks> {
  const [counts, returns, paid] = await Promise.all([
    countByStatus(deps.db),
    countReturnsByStatus(deps.db),
    deps.db.orm
      .select({
        currency: orderViews.currency,
        n: count(),
        paidTotal: sum(orderViews.paidAmount),
        refundedTotal: sum(orderViews.refundedTotal),
        returnsRefunded: sum(orderViews.returnsRefunded),
      })
      .from(orderViews)
      .where(isNotNull(orderViews.paidAt))
      .groupBy(orderViews.currency)
      .orderBy(orderViews.currency),
  ]);
  return {
    orders: counts.total,
    byStatus: counts.byStatus,
    byPaymentStatus: counts.byPaymentStatus,
    byFulfilmentStatus: counts.byFulfilmentStatus,
    returns,
    paidOrders: paid.reduce((n, r) => n + r.n, 0),
    currencies: paid.map((r) => ({
      currency: r.currency,
      paidOrders: r.n,
      paidTotal: Number(r.paidTotal ?? 0),
      refundedTotal: Number(r.refundedTotal ?? 0),
      returnsRefunded: Number(r.returnsRefunded ?? 0),
    })),
  };
}
