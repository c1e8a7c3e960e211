import type { ReservationLine, ReservationStatus } from "../contract.ts";

/**
 * One line per SKU, in SKU order: an order may list a SKU twice (two sizes of the same variant
 * picked separately), but it must be reserved as one amount so the guard checks the total.
 */
export function mergeLines(lines: readonly ReservationLine[]): ReservationLine[] {
  const bySku = new Map<string, number>();
  for (const l of lines) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.quantity);
  return [...bySku.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => ({ sku, quantity }));
}

/** What an order's payment does to its reservation. */
export type CommitAction =
  | { kind: "commit" }
  /** The reservation lapsed before the payment arrived: take the goods from what is free now. */
  | { kind: "late-commit" }
  | { kind: "none" }
  | { kind: "refuse"; message: string };

export function commitAction(status: ReservationStatus | undefined): CommitAction {
  switch (status) {
    case "active":
      return { kind: "commit" };
    case "released":
    case "expired":
      return { kind: "late-commit" };
    case "committed":
    case "restocked":
      return { kind: "none" };
    case "rejected":
      return { kind: "refuse", message: "orderId: the order was paid but its reservation had been rejected" };
    case undefined:
      return { kind: "refuse", message: "orderId: the order was paid but has no reservation" };
  }
}

/** What cancelling an order does to its reservation. */
export type CancelAction =
  | { kind: "release" }
  | { kind: "restock" }
  | { kind: "none" }
  | { kind: "refuse"; message: string };

export function cancelAction(status: ReservationStatus | undefined, wasPaid: boolean): CancelAction {
  switch (status) {
    // Held but never taken: giving it back is a release, paid or not.
    case "active":
      return { kind: "release" };
    case "committed":
      return wasPaid
        ? { kind: "restock" }
        : { kind: "refuse", message: "orderId: the reservation is committed; an unpaid cancel cannot release it" };
    case "rejected":
    case "released":
    case "expired":
    case "restocked":
    case undefined:
      return { kind: "none" };
  }
}

/**
 * Takes cancelled lines out of what a reservation holds: `taken` is what actually leaves it
 * (never more than it holds of a SKU, so a repeated or oversized cancel cannot give back units
 * twice), `remaining` what it still holds (SKUs at zero dropped), both one line per SKU.
 */
export function removeLines(
  held: readonly ReservationLine[],
  cancelled: readonly ReservationLine[],
): { taken: ReservationLine[]; remaining: ReservationLine[] } {
  const left = new Map(mergeLines(held).map((l) => [l.sku, l.quantity]));
  const taken: ReservationLine[] = [];
  for (const line of mergeLines(cancelled)) {
    const have = left.get(line.sku) ?? 0;
    const quantity = Math.min(have, line.quantity);
    if (quantity <= 0) continue;
    taken.push({ sku: line.sku, quantity });
    left.set(line.sku, have - quantity);
  }
  const remaining = [...left.entries()].filter(([, q]) => q > 0).map(([sku, quantity]) => ({ sku, quantity }));
  return { taken, remaining };
}

/** A received return line: how many units came back, and how many of them are damaged. */
export interface ReturnedLine {
  sku: string;
  /** Units that arrived, damaged ones included. */
  received: number;
  damaged: number;
}

/** What goes back on the shelf per SKU (undamaged units) and what is recorded as damaged. */
export function returnMovements(lines: readonly ReturnedLine[]): { sku: string; restock: number; damaged: number }[] {
  const bySku = new Map<string, { restock: number; damaged: number }>();
  for (const l of lines) {
    const damaged = Math.min(Math.max(0, l.damaged), Math.max(0, l.received));
    const restock = Math.max(0, l.received) - damaged;
    const sum = bySku.get(l.sku) ?? { restock: 0, damaged: 0 };
    bySku.set(l.sku, { restock: sum.restock + restock, damaged: sum.damaged + damaged });
  }
  return [...bySku.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, m]) => ({ sku, ...m }))
    .filter((m) => m.restock > 0 || m.damaged > 0);
}
