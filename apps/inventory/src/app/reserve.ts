import { createEvent, enqueue, ReservationRejected, StockReserved } from "@mercato/events";
import { eq, inArray } from "drizzle-orm";
import type { Reservation, ReservationLine, Shortage } from "../contract.ts";
import { reservations, stock } from "../db/schema.ts";
import type { InventoryTx } from "../deps.ts";
import { mergeLines } from "../domain/reservation.ts";
import { availableOf } from "../domain/stock.ts";
import { applyMovement } from "./movement.ts";

export interface ReserveInput {
  orderId: string;
  lines: readonly ReservationLine[];
  ttlMs: number;
  now: Date;
  correlationId?: string;
}

export interface ReserveResult {
  reservation: Reservation;
  /** False when the order already had a reservation (or refusal): nothing was written. */
  created: boolean;
}

/** Thrown inside the savepoint to undo the lines already reserved when a later line does not fit. */
class ShortageSignal extends Error {}

/**
 * Reserves every line of an order or none, in the caller's transaction, and enqueues
 * `inventory.reserved` or `inventory.reservation.rejected`. Idempotent by order id: a second call
 * returns the first answer (reserved or rejected) and writes nothing.
 */
export async function reserveOrder(tx: InventoryTx, input: ReserveInput): Promise<ReserveResult> {
  const [existing] = await tx.select().from(reservations).where(eq(reservations.orderId, input.orderId));
  if (existing) return { reservation: existing, created: false };

  const lines = mergeLines(input.lines);
  const meta = { now: input.now, correlationId: input.correlationId };
  const eventMeta = { key: input.orderId, correlationId: input.correlationId };
  const id = Bun.randomUUIDv7();
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);

  const reserved = await tx
    .transaction(async (sp) => {
      for (const line of lines) {
        const levels = await applyMovement(
          sp,
          {
            sku: line.sku,
            kind: "reserve",
            deltaOnHand: 0,
            deltaReserved: line.quantity,
            reason: "order placed",
            actor: "system",
            orderId: input.orderId,
          },
          meta,
        );
        if (!levels) throw new ShortageSignal();
      }
      return true;
    })
    .catch((err: unknown) => {
      if (err instanceof ShortageSignal) return false;
      throw err;
    });

  if (reserved) {
    const [row] = await tx
      .insert(reservations)
      .values({
        id,
        orderId: input.orderId,
        status: "active",
        lines,
        expiresAt,
        correlationId: input.correlationId ?? null,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning();
    await enqueue(
      tx,
      createEvent(
        StockReserved,
        { orderId: input.orderId, reservationId: id, lines, expiresAt: expiresAt.toISOString() },
        eventMeta,
      ),
    );
    return { reservation: row!, created: true };
  }

  const shortages = await shortagesOf(tx, lines);
  const [row] = await tx
    .insert(reservations)
    .values({
      id,
      orderId: input.orderId,
      status: "rejected",
      lines,
      shortages,
      expiresAt: input.now,
      correlationId: input.correlationId ?? null,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  await enqueue(tx, createEvent(ReservationRejected, { orderId: input.orderId, shortages }, eventMeta));
  return { reservation: row!, created: true };
}

/** The lines that do not fit what is available now; an unknown SKU has nothing available. */
async function shortagesOf(tx: InventoryTx, lines: ReservationLine[]): Promise<Shortage[]> {
  const rows = await tx
    .select({ sku: stock.sku, onHand: stock.onHand, reserved: stock.reserved })
    .from(stock)
    .where(
      inArray(
        stock.sku,
        lines.map((l) => l.sku),
      ),
    );
  const available = new Map(rows.map((r) => [r.sku, availableOf(r)]));
  return lines.flatMap((l) => {
    const free = available.get(l.sku) ?? 0;
    return free < l.quantity ? [{ sku: l.sku, requested: l.quantity, available: free }] : [];
  });
}
