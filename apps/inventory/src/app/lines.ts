import { createEvent, enqueue, StockReleased, StockRestocked } from "@mercato/events";
import { and, eq } from "drizzle-orm";
import type { ReservationLine } from "../contract.ts";
import { reservations } from "../db/schema.ts";
import type { InventoryTx } from "../deps.ts";
import { mergeLines, type ReturnedLine, removeLines, returnMovements } from "../domain/reservation.ts";
import { applyMovement, applyRequiredMovement, type MovementMeta } from "./movement.ts";

export interface CancelLinesInput {
  orderId: string;
  lines: readonly ReservationLine[];
  reason: string;
  now: Date;
  correlationId?: string;
}

export type CancelLinesOutcome = "released" | "restocked" | "unchanged";

/**
 * Some lines of an order were cancelled (unshipped lines of a paid order): their units leave the
 * reservation. Held units are released; units that left with the paid order are restocked. The
 * reservation keeps the lines still held or committed, so a later whole-order cancel gives back
 * only those, and a cancel of more than it holds gives back only what it holds.
 */
export async function cancelLines(tx: InventoryTx, input: CancelLinesInput): Promise<CancelLinesOutcome> {
  const [r] = await tx.select().from(reservations).where(eq(reservations.orderId, input.orderId));
  if (!r || (r.status !== "active" && r.status !== "committed")) return "unchanged";
  const { taken, remaining } = removeLines(r.lines, input.lines);
  if (taken.length === 0) return "unchanged";
  const held = r.status === "active";
  // Every line gone: the reservation ends as a whole cancel would have ended it.
  const status = remaining.length > 0 ? r.status : held ? "released" : "restocked";
  const [updated] = await tx
    .update(reservations)
    .set({ lines: remaining.length > 0 ? remaining : r.lines, status, updatedAt: input.now })
    .where(and(eq(reservations.id, r.id), eq(reservations.status, r.status)))
    .returning({ id: reservations.id });
  if (!updated) return "unchanged";
  const meta: MovementMeta = { now: input.now, correlationId: input.correlationId };
  for (const line of taken) {
    await applyRequiredMovement(
      tx,
      {
        sku: line.sku,
        kind: held ? "release" : "restock",
        deltaOnHand: held ? 0 : line.quantity,
        deltaReserved: held ? -line.quantity : 0,
        reason: `lines cancelled: ${input.reason}`,
        actor: "system",
        orderId: r.orderId,
      },
      meta,
    );
  }
  const eventMeta = { key: r.orderId, correlationId: input.correlationId };
  await enqueue(
    tx,
    held
      ? createEvent(StockReleased, { orderId: r.orderId, reservationId: r.id, reason: input.reason }, eventMeta)
      : createEvent(StockRestocked, { orderId: r.orderId, lines: taken }, eventMeta),
  );
  return held ? "released" : "restocked";
}

export interface ReceiveReturnInput {
  orderId: string;
  returnId: string;
  /** The shopper-facing return number (R-…), named in the ledger; the id when there is none. */
  returnNumber?: string | null;
  lines: readonly ReturnedLine[];
  now: Date;
  correlationId?: string;
}

/**
 * A return was received: its undamaged units go back on the shelf (ledger kind `return`, on-hand
 * up), its damaged units are recorded (kind `damaged`, no change: they left with the order and do
 * not come back to sale). Both name the return (`return R-…`). Once per return, by the inbox.
 */
export async function receiveReturn(tx: InventoryTx, input: ReceiveReturnInput): Promise<number> {
  const name = `return ${input.returnNumber ?? input.returnId}`;
  const meta: MovementMeta = { now: input.now, correlationId: input.correlationId };
  const restocked: ReservationLine[] = [];
  for (const m of returnMovements(input.lines)) {
    if (m.restock > 0) {
      await applyRequiredMovement(
        tx,
        {
          sku: m.sku,
          kind: "return",
          deltaOnHand: m.restock,
          deltaReserved: 0,
          reason: `${name}: received undamaged`,
          actor: "system",
          orderId: input.orderId,
        },
        meta,
      );
      restocked.push({ sku: m.sku, quantity: m.restock });
    }
    if (m.damaged > 0) {
      await applyRequiredMovement(
        tx,
        {
          sku: m.sku,
          kind: "damaged",
          deltaOnHand: 0,
          deltaReserved: 0,
          reason: `${name}: ${m.damaged} received damaged, not restocked`,
          actor: "system",
          orderId: input.orderId,
        },
        meta,
      );
    }
  }
  if (restocked.length > 0) {
    await enqueue(
      tx,
      createEvent(
        StockRestocked,
        { orderId: input.orderId, lines: restocked },
        { key: input.orderId, correlationId: input.correlationId },
      ),
    );
  }
  return restocked.reduce((n, l) => n + l.quantity, 0);
}

export interface ShipExchangeInput {
  orderId: string;
  returnId: string;
  shipmentId: string;
  lines: readonly ReservationLine[];
  now: Date;
  correlationId?: string;
}

/**
 * An exchange's replacement units shipped: they were never part of the order's reservation, so
 * they leave the stock now (ledger kind `commit`, naming the return), taken from what is
 * available, all or none (the stock.changed events announce it). If they are not there, it throws: the event is retried and then
 * dead-lettered for a person, as a paid order without stock is.
 */
export async function shipExchangeUnits(tx: InventoryTx, input: ShipExchangeInput): Promise<number> {
  const meta: MovementMeta = { now: input.now, correlationId: input.correlationId };
  const lines = mergeLines(input.lines);
  for (const line of lines) {
    const levels = await applyMovement(
      tx,
      {
        sku: line.sku,
        kind: "commit",
        deltaOnHand: -line.quantity,
        deltaReserved: 0,
        reason: `exchange for return ${input.returnId}: shipped (${input.shipmentId})`,
        actor: "system",
        orderId: input.orderId,
      },
      meta,
    );
    if (!levels) {
      throw new Error(
        `sku: exchange ${input.returnId} shipped ${line.quantity} of ${line.sku}, which is not available`,
      );
    }
  }
  return lines.reduce((n, l) => n + l.quantity, 0);
}
