import { createHash } from "node:crypto";
import type { Tx } from "@mercato/db";
import {
  CartItemAdded,
  type Envelope,
  type EventDefinition,
  type EventOf,
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  PaymentRefunded,
  PaymentSucceeded,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  SearchPerformed,
  StockChanged,
  UserRegistered,
} from "@mercato/events";
import { eq, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../db/schema.ts";
import { utcDay } from "../domain/days.ts";
import { normalizeQuery } from "../domain/report.ts";

type AnalyticsTx = Tx<typeof schema>;

/**
 * Adds `by` to counter columns of the row with `keys` (created at zero first). Increments add up
 * in any order, so the row ends the same whichever domain's consumer runs first.
 */
async function bump<T extends SQLiteTable>(
  tx: AnalyticsTx,
  table: T,
  target: SQLiteColumn[],
  keys: Record<string, string>,
  by: Record<string, number>,
): Promise<void> {
  const cols = table as unknown as Record<string, SQLiteColumn>;
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(by)) {
    const col = cols[k];
    if (!col) throw new Error(`analytics: no column ${k}`);
    set[k] = sql`${col} + ${v}`;
  }
  await tx
    .insert(table)
    .values({ ...keys, ...by } as T["$inferInsert"])
    .onConflictDoUpdate({ target, set });
}

const salesKey = [schema.dailySales.day, schema.dailySales.currency, schema.dailySales.region];

/** A one-way key for a customer: the account, else the guest's email; the email itself is not kept. */
export function customerKey(userId: string | null, email: string): string {
  const id = userId ? `user:${userId}` : `email:${email.trim().toLowerCase()}`;
  return createHash("sha256").update(id).digest("hex");
}

type Recorder<E extends EventDefinition> = { def: E; record(tx: AnalyticsTx, event: EventOf<E>): Promise<void> };
function recorder<E extends EventDefinition>(def: E, record: Recorder<E>["record"]): Recorder<EventDefinition> {
  return { def, record: record as Recorder<EventDefinition>["record"] };
}

async function factsOf(tx: AnalyticsTx, orderId: string) {
  const [row] = await tx.select().from(schema.orderFacts).where(eq(schema.orderFacts.orderId, orderId));
  return row;
}

type Facts = { currency: string; region: string };

async function countRefund(tx: AnalyticsTx, facts: Facts, day: string, currency: string, amount: number) {
  await bump(
    tx,
    schema.dailySales,
    salesKey,
    { day, currency, region: facts.region },
    { refunds: 1, refunded: amount },
  );
}

async function countUnpaidCancel(tx: AnalyticsTx, facts: Facts, day: string) {
  await bump(
    tx,
    schema.dailySales,
    salesKey,
    { day, currency: facts.currency, region: facts.region },
    { cancelledUnpaid: 1 },
  );
}

/** The order is known now (placed or paid): count what waited for it. */
async function settlePending(tx: AnalyticsTx, orderId: string, facts: Facts) {
  const pending = await tx
    .select()
    .from(schema.pendingOrderEvents)
    .where(eq(schema.pendingOrderEvents.orderId, orderId));
  for (const p of pending) {
    if (p.kind === "refund") await countRefund(tx, facts, p.day, p.currency ?? facts.currency, p.amount);
    else await countUnpaidCancel(tx, facts, p.day);
  }
  if (pending.length) await tx.delete(schema.pendingOrderEvents).where(eq(schema.pendingOrderEvents.orderId, orderId));
}

/**
 * New or returning: a customer's first paid order is the earliest orders.paid (by event id), so
 * the count ends the same in any order — a paid order recorded before an earlier one of the same
 * customer is moved from "new" to "returning" when the earlier one arrives.
 */
async function countCustomer(tx: AnalyticsTx, e: EventOf<typeof OrderPaidEvent>, where: Record<string, string>) {
  const key = customerKey(e.data.userId, e.data.email);
  const first = {
    firstEventId: e.id,
    firstOrderId: e.data.orderId,
    firstDay: where.day ?? "",
    firstCurrency: where.currency ?? "",
    firstRegion: where.region ?? "",
  };
  const [known] = await tx.select().from(schema.customers).where(eq(schema.customers.key, key));
  if (!known) {
    await tx.insert(schema.customers).values({ key, ...first });
    await bump(tx, schema.dailySales, salesKey, where, { newCustomers: 1 });
  } else if (e.id < known.firstEventId) {
    await tx.update(schema.customers).set(first).where(eq(schema.customers.key, key));
    await bump(
      tx,
      schema.dailySales,
      salesKey,
      { day: known.firstDay, currency: known.firstCurrency, region: known.firstRegion },
      { newCustomers: -1, returningCustomers: 1 },
    );
    await bump(tx, schema.dailySales, salesKey, where, { newCustomers: 1 });
  } else {
    await bump(tx, schema.dailySales, salesKey, where, { returningCustomers: 1 });
  }
}

async function recordProduct(
  tx: AnalyticsTx,
  e: EventOf<typeof ProductCreated> | EventOf<typeof ProductUpdated> | EventOf<typeof ProductArchived>,
) {
  const row = {
    productId: e.data.productId,
    title: e.data.title,
    brand: e.data.brand,
    categoryIds: JSON.stringify([...new Set(e.data.categoryIds)].sort()),
    eventId: e.id,
  };
  await tx
    .insert(schema.products)
    .values(row)
    .onConflictDoUpdate({
      target: schema.products.productId,
      set: row,
      setWhere: sql`excluded.event_id > ${schema.products.eventId}`,
    });
}

/**
 * What each consumed event adds to analytics' books: the one place they are written, called inside
 * the inbox's transaction (live) or the rebuild's (replay), so both write the same rows.
 */
export const RECORDERS: readonly Recorder<EventDefinition>[] = [
  recorder(OrderPlacedEvent, async (tx, e) => {
    const { orderId } = e.data;
    const facts = { currency: e.data.totals.currency, region: e.data.regionId ?? "" };
    const day = utcDay(e.occurredAt);
    const known = await factsOf(tx, orderId);
    if (known?.placedDay) return; // placed once; another event id for it adds nothing
    if (known) await tx.update(schema.orderFacts).set({ placedDay: day }).where(eq(schema.orderFacts.orderId, orderId));
    else await tx.insert(schema.orderFacts).values({ orderId, ...facts, total: e.data.totals.total, placedDay: day });
    await bump(tx, schema.dailySales, salesKey, { day, ...facts }, { checkouts: 1 });
    if (!known) await settlePending(tx, orderId, facts);
  }),

  recorder(OrderPaidEvent, async (tx, e) => {
    const { orderId } = e.data;
    const currency = e.data.totals.currency;
    const region = e.data.regionId ?? "";
    const day = utcDay(e.occurredAt);
    const known = await factsOf(tx, orderId);
    if (known?.paidDay) return; // paid once
    if (known) await tx.update(schema.orderFacts).set({ paidDay: day }).where(eq(schema.orderFacts.orderId, orderId));
    else
      await tx
        .insert(schema.orderFacts)
        .values({ orderId, currency, region, total: e.data.totals.total, paidDay: day });
    const where = { day, currency, region };
    const units = e.data.lines.reduce((n, l) => n + l.quantity, 0);
    await bump(tx, schema.dailySales, salesKey, where, {
      orders: 1,
      revenue: e.data.totals.total,
      units,
      discount: e.data.totals.discount,
    });
    await countCustomer(tx, e, where);
    for (const line of e.data.lines) {
      await bump(
        tx,
        schema.productDaily,
        [schema.productDaily.day, schema.productDaily.currency, schema.productDaily.productId],
        { day, currency, productId: line.productId },
        { revenue: line.unitPrice * line.quantity, units: line.quantity },
      );
      await bump(
        tx,
        schema.skuDaily,
        [schema.skuDaily.day, schema.skuDaily.sku],
        { day, sku: line.sku, productId: line.productId },
        { units: line.quantity },
      );
      // The catalog's events name the product better (any of them wins over event id ""); until one arrives, the line's title.
      await tx
        .insert(schema.products)
        .values({ productId: line.productId, title: line.title, eventId: "" })
        .onConflictDoNothing();
    }
    if (!known) await settlePending(tx, orderId, { currency, region });
  }),

  recorder(OrderRefundedEvent, async (tx, e) => {
    const day = utcDay(e.occurredAt);
    const facts = await factsOf(tx, e.data.orderId);
    if (facts) await countRefund(tx, facts, day, e.data.currency, e.data.amount);
    else {
      await tx.insert(schema.pendingOrderEvents).values({
        eventId: e.id,
        orderId: e.data.orderId,
        kind: "refund",
        day,
        amount: e.data.amount,
        currency: e.data.currency,
      });
    }
  }),

  recorder(OrderCancelledEvent, async (tx, e) => {
    if (e.data.wasPaid) return; // a paid order's cancellation is counted by its refund
    const day = utcDay(e.occurredAt);
    const facts = await factsOf(tx, e.data.orderId);
    if (facts) await countUnpaidCancel(tx, facts, day);
    else {
      await tx
        .insert(schema.pendingOrderEvents)
        .values({ eventId: e.id, orderId: e.data.orderId, kind: "cancelled_unpaid", day, amount: 0, currency: null });
    }
  }),

  recorder(ProductCreated, recordProduct),
  recorder(ProductUpdated, recordProduct),
  recorder(ProductArchived, recordProduct),

  recorder(CartItemAdded, async (tx, e) => {
    await bump(
      tx,
      schema.dailyCarts,
      [schema.dailyCarts.day, schema.dailyCarts.currency],
      { day: utcDay(e.occurredAt), currency: e.data.currency },
      { carts: e.data.cartStarted ? 1 : 0, itemsAdded: 1, unitsAdded: e.data.quantity },
    );
  }),

  recorder(SearchPerformed, async (tx, e) => {
    const query = normalizeQuery(e.data.query);
    if (!query) return;
    await bump(
      tx,
      schema.dailySearches,
      [schema.dailySearches.day, schema.dailySearches.query],
      { day: utcDay(e.occurredAt), query },
      { samples: 1, estimated: 1 / e.data.sampleRate, zeroResults: e.data.results === 0 ? 1 / e.data.sampleRate : 0 },
    );
  }),

  recorder(StockChanged, async (tx, e) => {
    const row = {
      sku: e.data.sku,
      onHand: e.data.onHand,
      reserved: e.data.reserved,
      available: e.data.available,
      eventId: e.id,
    };
    await tx
      .insert(schema.stock)
      .values(row)
      .onConflictDoUpdate({
        target: schema.stock.sku,
        set: row,
        setWhere: sql`excluded.event_id > ${schema.stock.eventId}`,
      });
  }),

  recorder(PaymentSucceeded, async (tx, e) => {
    if (e.data.purpose !== "order") return; // an exchange's difference is not a sale
    await bump(
      tx,
      schema.dailyPayments,
      [schema.dailyPayments.day, schema.dailyPayments.currency],
      { day: utcDay(e.occurredAt), currency: e.data.currency },
      { succeeded: 1, captured: e.data.amount },
    );
  }),

  recorder(PaymentRefunded, async (tx, e) => {
    await bump(
      tx,
      schema.dailyPayments,
      [schema.dailyPayments.day, schema.dailyPayments.currency],
      { day: utcDay(e.occurredAt), currency: e.data.currency },
      { refunds: 1, refunded: e.data.amount },
    );
  }),

  recorder(UserRegistered, async (tx, e) => {
    await bump(tx, schema.dailySignups, [schema.dailySignups.day], { day: utcDay(e.occurredAt) }, { signups: 1 });
  }),
];

export const RECORDER_BY_TYPE = new Map(RECORDERS.map((r) => [r.def.type, r]));

/** Records an already-parsed event of a consumed type (others are ignored). */
export async function recordEvent(tx: AnalyticsTx, event: Envelope): Promise<void> {
  await RECORDER_BY_TYPE.get(event.type)?.record(tx, event as never);
}
