import { and, count, desc, eq, gte, lt, lte, or, type SQL, sql, sum } from "drizzle-orm";
import { z } from "zod";
import { OrderNotFoundError } from "../app/errors.ts";
import { cancelOrder, deliverOrder, refundOrder, shipOrder } from "../app/order-commands.ts";
import { readOrderEvents } from "../db/event-store.ts";
import { orderViewById } from "../db/queries.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { revenueSeries, startOfUtcDay } from "../domain/stats.ts";
import { ORDER_STATUSES, type OrderStatus } from "../domain/status.ts";
import { orderFeed } from "../live/status-stream.ts";
import { orderSummary } from "../projections/order-view.ts";
import { adminProcedure, router } from "../trpc.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { adminListInput, cancelReason, orderIdInput } from "./inputs.ts";

async function detail(deps: OrdersDeps, orderId: string) {
  const row = await orderViewById(deps.db, orderId);
  if (!row) throw new OrderNotFoundError(orderId);
  return row.detail;
}

/** LIKE with the user's text taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const STATS_DAYS = 30;

export const adminRouter = router({
  list: adminProcedure.input(adminListInput).query(async ({ ctx, input }) => {
    const where: (SQL | undefined)[] = [];
    if (input.status) where.push(eq(orderViews.status, input.status));
    if (input.from) where.push(gte(orderViews.placedAt, input.from.getTime()));
    if (input.to) where.push(lte(orderViews.placedAt, input.to.getTime()));
    if (input.customer) where.push(eq(orderViews.email, input.customer.trim().toLowerCase()));
    if (input.q) {
      const pattern = containing(input.q.trim());
      where.push(
        or(
          sql`lower(${orderViews.number}) like ${pattern} escape '\\'`,
          sql`${orderViews.email} like ${pattern} escape '\\'`,
        ),
      );
    }
    if (input.cursor) {
      const c = decodeCursor(input.cursor);
      where.push(
        or(lt(orderViews.placedAt, c.placedAt), and(eq(orderViews.placedAt, c.placedAt), lt(orderViews.id, c.id))),
      );
    }
    const rows = await ctx.deps.db.orm
      .select()
      .from(orderViews)
      .where(and(...where))
      .orderBy(desc(orderViews.placedAt), desc(orderViews.id))
      .limit(input.limit + 1);
    const shown = rows.slice(0, input.limit);
    const last = shown.at(-1);
    return {
      items: shown.map(orderSummary),
      nextCursor: rows.length > input.limit && last ? encodeCursor({ placedAt: last.placedAt, id: last.id }) : null,
    };
  }),

  /** The order and its full history from the event store. */
  byId: adminProcedure.input(z.object({ orderId: orderIdInput })).query(async ({ ctx, input }) => {
    const order = await detail(ctx.deps, input.orderId);
    const events = await readOrderEvents(ctx.deps.db.orm, input.orderId);
    return {
      order,
      timeline: events.map((e) => {
        // The access-token hash is a credential's fingerprint: not for screens.
        const { accessTokenHash: _hash, ...data } = e.data as Record<string, unknown>;
        return { version: e.version, type: e.type, occurredAt: e.occurredAt, data };
      }),
    };
  }),

  ship: adminProcedure
    .input(
      z.object({
        orderId: orderIdInput,
        carrier: z.string().trim().min(1).max(100),
        trackingNumber: z.string().trim().min(1).max(100),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { orderId, ...cmd } = input;
      await shipOrder(ctx.deps, orderId, cmd);
      return detail(ctx.deps, orderId);
    }),

  deliver: adminProcedure.input(z.object({ orderId: orderIdInput })).mutation(async ({ ctx, input }) => {
    await deliverOrder(ctx.deps, input.orderId);
    return detail(ctx.deps, input.orderId);
  }),

  cancel: adminProcedure
    .input(z.object({ orderId: orderIdInput, reason: cancelReason }))
    .mutation(async ({ ctx, input }) => {
      await cancelOrder(ctx.deps, input.orderId, { reason: input.reason, by: "admin" });
      return detail(ctx.deps, input.orderId);
    }),

  /** Part or all of what was paid. Re-sending the same `idempotencyKey` refunds once. */
  refund: adminProcedure
    .input(
      z.object({
        orderId: orderIdInput,
        amount: z.number().int().positive(),
        reason: z.string().trim().min(1).max(500),
        idempotencyKey: z.string().min(8).max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await refundOrder(ctx.deps, input.orderId, {
        amount: input.amount,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey ?? Bun.randomUUIDv7(),
      });
      return detail(ctx.deps, input.orderId);
    }),

  /** For the dashboard: today's orders and revenue, counts by status, revenue per UTC day (30 days). */
  stats: adminProcedure
    .input(z.object({ currency: z.string().length(3).default("EUR") }).default({ currency: "EUR" }))
    .query(async ({ ctx, input }) => {
      const orm = ctx.deps.db.orm;
      const now = new Date();
      const today = startOfUtcDay(now).getTime();
      const since = today - (STATS_DAYS - 1) * 86_400_000;
      const inCurrency = eq(orderViews.currency, input.currency);
      const net = sql<number>`${orderViews.paidAmount} - ${orderViews.refundedTotal}`;
      const day = sql<string>`strftime('%Y-%m-%d', ${orderViews.paidAt} / 1000, 'unixepoch')`;
      const [placedToday, paidToday, byStatus, perDay] = await Promise.all([
        orm.select({ n: count() }).from(orderViews).where(gte(orderViews.placedAt, today)),
        orm
          .select({ revenue: sum(net) })
          .from(orderViews)
          .where(and(inCurrency, gte(orderViews.paidAt, today))),
        orm.select({ status: orderViews.status, n: count() }).from(orderViews).groupBy(orderViews.status),
        orm
          .select({ day, revenue: sum(net) })
          .from(orderViews)
          .where(and(inCurrency, gte(orderViews.paidAt, since)))
          .groupBy(day),
      ]);
      const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
      for (const r of byStatus) counts[r.status] = r.n;
      return {
        currency: input.currency,
        today: { orders: placedToday[0]?.n ?? 0, revenue: Number(paidToday[0]?.revenue ?? 0) },
        byStatus: counts,
        revenueByDay: revenueSeries(
          perDay.map((r) => ({ day: r.day, revenue: Number(r.revenue ?? 0) })),
          now,
          STATS_DAYS,
        ),
      };
    }),

  /** New orders and status changes as they happen (SSE). */
  onFeed: adminProcedure.subscription(async function* ({ ctx, signal }) {
    yield* orderFeed(ctx.deps, signal);
  }),
});
