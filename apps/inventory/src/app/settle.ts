import {
  createEvent,
  enqueue,
  ReservationExpired,
  StockCommitted,
  StockReleased,
  StockRestocked,
} from "@mercato/events";
import { and, asc, eq, lte } from "drizzle-orm";
import type { MovementKind, Reservation, ReservationStatus } from "../contract.ts";
import { reservations } from "../db/schema.ts";
import type { InventoryDb, InventoryTx } from "../deps.ts";
import { cancelAction, commitAction } from "../domain/reservation.ts";
import { applyMovement, applyRequiredMovement, type MovementMeta } from "./movement.ts";

export interface SettleInput {
  orderId: string;
  now: Date;
  correlationId?: string;
}

export type SettleOutcome = "committed" | "released" | "restocked" | "unchanged";

/**
 * Moves a reservation from one status to another only if it is still in the expected one, so
 * two workers (or a sweeper and a handler) can never both act on it.
 */
async function transition(
  tx: InventoryTx,
  id: string,
  from: ReservationStatus,
  to: ReservationStatus,
  now: Date,
  dueBy?: Date,
): Promise<Reservation | undefined> {
  const [row] = await tx
    .update(reservations)
    .set({ status: to, updatedAt: now })
    .where(
      and(
        eq(reservations.id, id),
        eq(reservations.status, from),
        dueBy ? lte(reservations.expiresAt, dueBy) : undefined,
      ),
    )
    .returning();
  return row;
}

async function reservationOf(tx: InventoryTx, orderId: string): Promise<Reservation | undefined> {
  const [row] = await tx.select().from(reservations).where(eq(reservations.orderId, orderId));
  return row;
}

/** Gives a held reservation's stock back to the shelf (release or expiry). */
async function unreserve(tx: InventoryTx, r: Reservation, kind: MovementKind, reason: string, meta: MovementMeta) {
  for (const line of r.lines) {
    await applyRequiredMovement(
      tx,
      {
        sku: line.sku,
        kind,
        deltaOnHand: 0,
        deltaReserved: -line.quantity,
        reason,
        actor: "system",
        orderId: r.orderId,
      },
      meta,
    );
  }
}

/**
 * The order was paid: its goods leave the stock (on-hand and reserved both go down). A payment
 * that arrives after the reservation lapsed takes the goods from what is free now, all or none;
 * if they are gone, it throws so the event is retried and then dead-lettered for a person.
 */
export async function commitOrder(tx: InventoryTx, input: SettleInput): Promise<SettleOutcome> {
  const r = await reservationOf(tx, input.orderId);
  const action = commitAction(r?.status);
  if (action.kind === "refuse") throw new Error(action.message);
  if (action.kind === "none" || !r) return "unchanged";
  const meta = { now: input.now, correlationId: input.correlationId };
  const late = action.kind === "late-commit";
  if (!(await transition(tx, r.id, r.status, "committed", input.now))) return "unchanged";
  for (const line of r.lines) {
    const levels = await applyMovement(
      tx,
      {
        sku: line.sku,
        kind: "commit",
        deltaOnHand: -line.quantity,
        deltaReserved: late ? 0 : -line.quantity,
        reason: late ? "order paid after its reservation lapsed" : "order paid",
        actor: "system",
        orderId: r.orderId,
      },
      meta,
    );
    if (!levels) {
      throw new Error(`sku: order ${r.orderId} was paid late and ${line.sku} no longer has ${line.quantity} available`);
    }
  }
  await enqueue(
    tx,
    createEvent(
      StockCommitted,
      { orderId: r.orderId, reservationId: r.id, lines: r.lines },
      { key: r.orderId, correlationId: input.correlationId },
    ),
  );
  return "committed";
}

/**
 * The order was cancelled: held stock is released; stock that left with a paid order is put back
 * (restocked). Anything else (rejected, already released or expired) needs nothing.
 */
export async function cancelOrder(
  tx: InventoryTx,
  input: SettleInput & { wasPaid: boolean; reason: string },
): Promise<SettleOutcome> {
  const r = await reservationOf(tx, input.orderId);
  const action = cancelAction(r?.status, input.wasPaid);
  if (action.kind === "refuse") throw new Error(action.message);
  if (action.kind === "none" || !r) return "unchanged";
  const meta = { now: input.now, correlationId: input.correlationId };
  const eventMeta = { key: r.orderId, correlationId: input.correlationId };

  if (action.kind === "release") {
    if (!(await transition(tx, r.id, "active", "released", input.now))) return "unchanged";
    await unreserve(tx, r, "release", `order cancelled: ${input.reason}`, meta);
    await enqueue(
      tx,
      createEvent(StockReleased, { orderId: r.orderId, reservationId: r.id, reason: input.reason }, eventMeta),
    );
    return "released";
  }

  if (!(await transition(tx, r.id, "committed", "restocked", input.now))) return "unchanged";
  for (const line of r.lines) {
    await applyRequiredMovement(
      tx,
      {
        sku: line.sku,
        kind: "restock",
        deltaOnHand: line.quantity,
        deltaReserved: 0,
        reason: `paid order cancelled: ${input.reason}`,
        actor: "system",
        orderId: r.orderId,
      },
      meta,
    );
  }
  await enqueue(tx, createEvent(StockRestocked, { orderId: r.orderId, lines: r.lines }, eventMeta));
  return "restocked";
}

/**
 * Releases one unpaid reservation whose time is up and announces it. The status guard makes this
 * happen once however many sweepers run: later calls find it no longer active and do nothing.
 */
export async function expireReservation(tx: InventoryTx, reservationId: string, now: Date): Promise<boolean> {
  const r = await transition(tx, reservationId, "active", "expired", now, now);
  if (!r) return false;
  const correlationId = r.correlationId ?? undefined;
  await unreserve(tx, r, "expire", "reservation expired unpaid", { now, correlationId });
  await enqueue(
    tx,
    createEvent(ReservationExpired, { orderId: r.orderId, reservationId: r.id }, { key: r.orderId, correlationId }),
  );
  return true;
}

const SWEEP_BATCH = 200;

/** Unpaid reservations whose time is up, oldest first. */
async function dueReservationIds(db: InventoryDb, now: Date, limit: number): Promise<string[]> {
  const rows = await db.orm
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.status, "active"), lte(reservations.expiresAt, now)))
    .orderBy(asc(reservations.expiresAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Expires every reservation due by `now`; resolves with how many this call expired. */
export async function sweepExpired(db: InventoryDb, now: Date): Promise<number> {
  let expired = 0;
  for (;;) {
    const ids = await dueReservationIds(db, now, SWEEP_BATCH);
    // One transaction per reservation: a broken one cannot hold back the others.
    for (const id of ids) {
      if (await db.write((tx) => expireReservation(tx, id, now))) expired++;
    }
    if (ids.length < SWEEP_BATCH) return expired;
  }
}
