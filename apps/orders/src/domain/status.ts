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

/**
 * Units still ordered (cancelled ones left out: `active`), and of the goods among them (`goods`)
 * how many shipped, were delivered and came back. A gift card (#27) is delivered by email when the
 * order is paid, so shipping and delivery count goods only: an order of gift cards only is
 * delivered and complete once paid, one with goods too once the goods are delivered.
 */
function units(facts: Facts) {
  const emailed = new Set(facts.lines.filter((l) => l.kind === "gift_card").map((l) => l.sku));
  let active = 0;
  let goods = 0;
  let shipped = 0;
  let delivered = 0;
  let returned = 0;
  for (const p of lineProgress(facts)) {
    active += p.ordered - p.cancelled;
    if (emailed.has(p.sku)) continue;
    goods += p.ordered - p.cancelled;
    shipped += p.shipped;
    delivered += p.delivered;
    returned += p.returned;
  }
  return { active, goods, shipped, delivered, returned };
}

export function paymentStatusOf(facts: Pick<Facts, "paidAmount" | "refundedTotal">): PaymentStatus {
  if (facts.paidAmount === 0) return "AWAITING";
  if (facts.refundedTotal >= facts.paidAmount) return "REFUNDED";
  if (facts.refundedTotal > 0) return "PARTIALLY_REFUNDED";
  return "PAID";
}

export function fulfilmentStatusOf(facts: Facts): FulfilmentStatus {
  const u = units(facts);
  if (u.goods === 0 && u.active > 0) return facts.paidAmount > 0 ? "DELIVERED" : "NOT_FULFILLED";
  if (u.returned > 0) return u.goods > 0 && u.returned >= u.goods ? "RETURNED" : "PARTIALLY_RETURNED";
  if (u.delivered > 0) return u.delivered >= u.goods ? "DELIVERED" : "PARTIALLY_DELIVERED";
  if (u.shipped > 0) return u.shipped >= u.goods ? "FULFILLED" : "PARTIALLY_FULFILLED";
  return "NOT_FULFILLED";
}

export function orderStatusOf(facts: Facts): OrderStatus {
  const u = units(facts);
  if (facts.cancellation || u.active === 0) return "CANCELLED";
  if (facts.paidAmount === 0) return "PENDING";
  if (u.delivered >= u.goods) return "COMPLETED";
  return "PLACED";
}

/** The statuses an order may move to from each, per kind: anything else is a bug in a decider. */
const ORDER_MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
  // An order of gift cards only is complete when paid: its cards are emailed then (#27).
  PENDING: ["PLACED", "COMPLETED", "CANCELLED"],
  PLACED: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

/** Whether an order may go from `from` to `to` (staying is always allowed). */
export function orderMoveAllowed(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ORDER_MOVES[from].includes(to);
}
