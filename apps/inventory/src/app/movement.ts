import { prepareSql } from "@mercato/db";
import { createEvent, enqueue, StockChanged, StockLow } from "@mercato/events";
import { and, eq, sql } from "drizzle-orm";
import type { MovementKind } from "../contract.ts";
import { ledger, stock } from "../db/schema.ts";
import type { InventoryTx } from "../deps.ts";
import { availableOf, crossedLowThreshold, type Levels } from "../domain/stock.ts";

export interface Movement {
  sku: string;
  kind: MovementKind;
  deltaOnHand: number;
  deltaReserved: number;
  reason: string;
  /** A user id, or "system". */
  actor: string;
  orderId?: string | null;
}

export interface MovementMeta {
  now: Date;
  correlationId?: string;
}

const onHandAfter = sql`${stock.onHand} + ${sql.placeholder("deltaOnHand")}`;
const reservedAfter = sql`${stock.reserved} + ${sql.placeholder("deltaReserved")}`;
// Every reservation, commit and release of every line runs these two: built once (prepared.ts).
const moveStock = prepareSql<{ sku: string; deltaOnHand: number; deltaReserved: number; now: number }>((q) =>
  q
    .update(stock)
    .set({ onHand: onHandAfter, reserved: reservedAfter, updatedAt: sql`${sql.placeholder("now")}` }) // `timestamp_ms`: bound as a number
    .where(
      and(
        eq(stock.sku, sql.placeholder("sku")),
        sql`${onHandAfter} >= 0`,
        sql`${reservedAfter} >= 0`,
        sql`(${onHandAfter}) - (${reservedAfter}) >= 0`,
      ),
    )
    .returning({ onHand: stock.onHand, reserved: stock.reserved, threshold: stock.lowStockThreshold }),
);
const ledgerRow = {
  sku: sql.placeholder("sku"),
  kind: sql.placeholder("kind"),
  deltaOnHand: sql.placeholder("deltaOnHand"),
  deltaReserved: sql.placeholder("deltaReserved"),
  reason: sql.placeholder("reason"),
  actor: sql.placeholder("actor"),
  orderId: sql.placeholder("orderId"),
  onHandBefore: sql.placeholder("onHandBefore"),
  onHandAfter: sql.placeholder("onHandAfter"),
  reservedBefore: sql.placeholder("reservedBefore"),
  reservedAfter: sql.placeholder("reservedAfter"),
  createdAt: sql.placeholder("createdAt"),
};
const insertLedger = prepareSql<{ [K in keyof typeof ledgerRow]: unknown }>((q) =>
  q.insert(ledger).values(ledgerRow).returning({ id: ledger.id }),
);

/**
 * Moves stock of one SKU, guarded in SQL, and writes its ledger row and events in the caller's
 * transaction. The WHERE clause only matches when the result keeps on-hand and reserved
 * non-negative and available (on_hand − reserved) non-negative: for a reservation of q that is
 * exactly `on_hand - reserved >= q`. So whatever runs concurrently, stock never oversells; a
 * refused movement changes nothing and resolves null (also for an unknown SKU).
 */
export async function applyMovement(tx: InventoryTx, m: Movement, meta: MovementMeta): Promise<Levels | null> {
  const [moved] = await tx.all<{ on_hand: number; reserved: number; low_stock_threshold: number }>(
    moveStock.bind({ sku: m.sku, deltaOnHand: m.deltaOnHand, deltaReserved: m.deltaReserved, now: meta.now.getTime() }),
  );
  if (!moved) return null;
  const after = { onHand: moved.on_hand, reserved: moved.reserved, threshold: moved.low_stock_threshold };

  const before = { onHand: after.onHand - m.deltaOnHand, reserved: after.reserved - m.deltaReserved };
  const [entry] = await tx.all<{ id: number }>(
    insertLedger.bind({
      sku: m.sku,
      kind: m.kind,
      deltaOnHand: m.deltaOnHand,
      deltaReserved: m.deltaReserved,
      reason: m.reason,
      actor: m.actor,
      orderId: m.orderId ?? null,
      onHandBefore: before.onHand,
      onHandAfter: after.onHand,
      reservedBefore: before.reserved,
      reservedAfter: after.reserved,
      createdAt: meta.now,
    }),
  );

  const availableBefore = availableOf(before);
  const availableAfter = availableOf(after);
  if (availableBefore !== availableAfter) {
    // Keyed by SKU so consumers apply one SKU's changes in order.
    const eventMeta = { key: m.sku, correlationId: meta.correlationId };
    await enqueue(
      tx,
      createEvent(
        StockChanged,
        {
          sku: m.sku,
          onHand: after.onHand,
          reserved: after.reserved,
          available: availableAfter,
          threshold: after.threshold,
          // The ledger row's id: one SKU's changes commit in id order, so a larger seq is newer.
          seq: Number(entry!.id),
        },
        eventMeta,
      ),
    );
    if (crossedLowThreshold(availableBefore, availableAfter, after.threshold)) {
      await enqueue(
        tx,
        createEvent(StockLow, { sku: m.sku, available: availableAfter, threshold: after.threshold }, eventMeta),
      );
    }
  }
  return { onHand: after.onHand, reserved: after.reserved };
}

/** Applies a movement that the books say must succeed; a refusal means they are broken, so the whole transaction fails. */
export async function applyRequiredMovement(tx: InventoryTx, m: Movement, meta: MovementMeta): Promise<Levels> {
  const levels = await applyMovement(tx, m, meta);
  if (!levels) {
    throw new Error(
      `sku: ${m.kind} of ${m.sku} (on-hand ${m.deltaOnHand}, reserved ${m.deltaReserved}) was refused by the stock guard`,
    );
  }
  return levels;
}
