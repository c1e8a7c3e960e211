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

/**
 * Moves stock of one SKU, guarded in SQL, and writes its ledger row and events in the caller's
 * transaction. The WHERE clause only matches when the result keeps on-hand and reserved
 * non-negative and available (on_hand − reserved) non-negative: for a reservation of q that is
 * exactly `on_hand - reserved >= q`. So whatever runs concurrently, stock never oversells; a
 * refused movement changes nothing and resolves null (also for an unknown SKU).
 */
export async function applyMovement(tx: InventoryTx, m: Movement, meta: MovementMeta): Promise<Levels | null> {
  const onHandAfter = sql`${stock.onHand} + ${m.deltaOnHand}`;
  const reservedAfter = sql`${stock.reserved} + ${m.deltaReserved}`;
  const [after] = await tx
    .update(stock)
    .set({ onHand: onHandAfter, reserved: reservedAfter, updatedAt: meta.now })
    .where(
      and(
        eq(stock.sku, m.sku),
        sql`${onHandAfter} >= 0`,
        sql`${reservedAfter} >= 0`,
        sql`(${onHandAfter}) - (${reservedAfter}) >= 0`,
      ),
    )
    .returning({ onHand: stock.onHand, reserved: stock.reserved, threshold: stock.lowStockThreshold });
  if (!after) return null;

  const before = { onHand: after.onHand - m.deltaOnHand, reserved: after.reserved - m.deltaReserved };
  await tx.insert(ledger).values({
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
  });

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
