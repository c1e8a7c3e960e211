import {
  type FulfilmentStatus,
  lineProgress,
  type OrderFacts,
  type OrderStatus,
  type PaymentStatus,
} from "../contract.ts";

/**
 * The three statuses, each a pure function of the facts the order's events folded into: the same
 * events always give the same statuses, live or rebuilt.
 */
type Facts = Pick<OrderFacts, "lines" | "shipments" | "cancelledLines" | "returns" | "paidAmount" | "refundedTotal"> & {
  cancellation: object | null;
};

/** Units still ordered (cancelled ones left out), shipped, delivered and received back. */
function units(facts: Facts) {
  let active = 0;
  let shipped = 0;
  let delivered = 0;
  let returned = 0;
  for (const p of lineProgress(facts)) {
    active += p.ordered - p.cancelled;
    shipped += p.shipped;
    delivered += p.delivered;
    returned += p.returned;
  }
  return { active, shipped, delivered, returned };
}

export function paymentStatusOf(facts: Pick<Facts, "paidAmount" | "refundedTotal">): PaymentStatus {
  if (facts.paidAmount === 0) return "AWAITING";
  if (facts.refundedTotal >= facts.paidAmount) return "REFUNDED";
  if (facts.refundedTotal > 0) return "PARTIALLY_REFUNDED";
  return "PAID";
}

export function fulfilmentStatusOf(facts: Facts): FulfilmentStatus {
  const u = units(facts);
  if (u.returned > 0) return u.active > 0 && u.returned >= u.active ? "RETURNED" : "PARTIALLY_RETURNED";
  if (u.delivered > 0) return u.delivered >= u.active ? "DELIVERED" : "PARTIALLY_DELIVERED";
  if (u.shipped > 0) return u.shipped >= u.active ? "FULFILLED" : "PARTIALLY_FULFILLED";
  return "NOT_FULFILLED";
}

export function orderStatusOf(facts: Facts): OrderStatus {
  const u = units(facts);
  if (facts.cancellation || u.active === 0) return "CANCELLED";
  if (facts.paidAmount === 0) return "PENDING";
  if (u.delivered >= u.active) return "COMPLETED";
  return "PLACED";
}

/** The statuses an order may move to from each, per kind: anything else is a bug in a decider. */
const ORDER_MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ["PLACED", "CANCELLED"],
  PLACED: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

/** Whether an order may go from `from` to `to` (staying is always allowed). */
export function orderMoveAllowed(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ORDER_MOVES[from].includes(to);
}
