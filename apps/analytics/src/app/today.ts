import { listenerStream } from "@mercato/events";
import { and, eq, sum } from "drizzle-orm";
import type { Today } from "../contract.ts";
import { dailySales } from "../db/schema.ts";
import type { AnalyticsDeps } from "../deps.ts";
import { utcDay } from "../domain/days.ts";
import { salesTotals } from "../domain/report.ts";
import { TODAY_KEY } from "../live/live-today.ts";

/** A re-read now and then, in case a wake-up was lost (they are best effort). */
const SAFETY_POLL_MS = 5_000;

/** Today's (UTC) tiles per currency: paid orders, revenue, units, AOV, refunds, new customers. */
export async function today(deps: AnalyticsDeps, currency?: string): Promise<Today> {
  const day = utcDay(new Date());
  const rows = await deps.db.orm
    .select({
      currency: dailySales.currency,
      orders: sum(dailySales.orders),
      revenue: sum(dailySales.revenue),
      units: sum(dailySales.units),
      refunded: sum(dailySales.refunded),
      newCustomers: sum(dailySales.newCustomers),
    })
    .from(dailySales)
    .where(and(eq(dailySales.day, day), currency ? eq(dailySales.currency, currency) : undefined))
    .groupBy(dailySales.currency)
    .orderBy(dailySales.currency);
  return {
    day,
    currencies: rows.map((r) => {
      const t = salesTotals([
        {
          orders: Number(r.orders ?? 0),
          revenue: Number(r.revenue ?? 0),
          units: Number(r.units ?? 0),
          refunded: Number(r.refunded ?? 0),
          newCustomers: Number(r.newCustomers ?? 0),
        },
      ]);
      return {
        currency: r.currency,
        orders: t.orders,
        revenue: t.revenue,
        units: t.units,
        aov: t.aov,
        refunded: t.refunded,
        newCustomers: t.newCustomers,
      };
    }),
  };
}

/**
 * Today's tiles now, then again whenever a paid order or a refund is recorded on any instance
 * (live wake-ups), and every few seconds in case one was lost; an unchanged view is not re-sent.
 */
export async function* todayStream(deps: AnalyticsDeps, currency: string | undefined, signal: AbortSignal | undefined) {
  const ticks = listenerStream<void>((push) => {
    const unlisten = deps.live.listen(TODAY_KEY, push);
    const timer = setInterval(push, SAFETY_POLL_MS);
    return () => {
      unlisten();
      clearInterval(timer);
    };
  }, signal);
  let last = "";
  const send = async () => {
    const view = await today(deps, currency);
    const text = JSON.stringify(view);
    if (text === last) return null;
    last = text;
    return view;
  };
  const first = await send();
  if (first) yield first;
  for await (const _ of ticks) {
    if (signal?.aborted) return;
    const view = await send();
    if (view) yield view;
  }
}
