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
