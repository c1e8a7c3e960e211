/**
 * How the web shows each of an order's three statuses (order, payment, fulfilment) and a
 * return's status. The values and their labels are the orders contract's (`ORDER_STATUSES`,
 * `ORDER_STATUS_LABELS`, …: the same words as the emails); only the badge colours live here,
 * keyed by the contract's types, so a value the contract adds fails the type check here until it
 * has a colour, and a value this build does not know yet is shown humanized rather than crashing.
 */
import {
  FULFILMENT_STATUS_LABELS,
  type FulfilmentStatus,
  ORDER_STATUS_LABELS,
  type OrderStatus,
  PAYMENT_STATUS_LABELS,
  type PaymentStatus,
  RETURN_STATUS_LABELS,
  type ReturnStatus,
} from "@mercato/orders/contract";

export type Tone = "neutral" | "green" | "amber" | "red" | "blue";
export interface StatusLabel {
  label: string;
  tone: Tone;
}

const ORDER_TONES: Record<OrderStatus, Tone> = {
  PENDING: "neutral",
  PLACED: "blue",
  COMPLETED: "green",
  CANCELLED: "red",
};

const PAYMENT_TONES: Record<PaymentStatus, Tone> = {
  AWAITING: "amber",
  PAID: "green",
  PARTIALLY_REFUNDED: "amber",
  REFUNDED: "neutral",
};

const FULFILMENT_TONES: Record<FulfilmentStatus, Tone> = {
  NOT_FULFILLED: "neutral",
  PARTIALLY_FULFILLED: "blue",
  FULFILLED: "blue",
  PARTIALLY_DELIVERED: "blue",
  DELIVERED: "green",
  PARTIALLY_RETURNED: "amber",
  RETURNED: "neutral",
};

const RETURN_TONES: Record<ReturnStatus, Tone> = {
  REQUESTED: "amber",
  APPROVED: "blue",
  REJECTED: "red",
  RECEIVED: "blue",
  REFUNDED: "green",
  CLOSED: "neutral",
};

export type StatusKind = "order" | "payment" | "fulfilment" | "return";

const TABLES: Record<StatusKind, { labels: Record<string, string>; tones: Record<string, Tone> }> = {
  order: { labels: ORDER_STATUS_LABELS, tones: ORDER_TONES },
  payment: { labels: PAYMENT_STATUS_LABELS, tones: PAYMENT_TONES },
  fulfilment: { labels: FULFILMENT_STATUS_LABELS, tones: FULFILMENT_TONES },
  return: { labels: RETURN_STATUS_LABELS, tones: RETURN_TONES },
};

/** "PARTIALLY_REFUNDED" → "Partially refunded" (for a value this build has no label for). */
function humanize(value: string): string {
  const words = value.replace(/[_.]/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label and tone of one status of a kind; an unknown value is humanized, in neutral. */
export function statusLabel(kind: StatusKind, value: string): StatusLabel {
  const table = TABLES[kind];
  return { label: table.labels[value] ?? humanize(value), tone: table.tones[value] ?? "neutral" };
}

/** The values of a kind with their labels, in the contract's order (for filters). */
export function statusOptions<V extends string>(kind: StatusKind, values: readonly V[]): (readonly [V, string])[] {
  return values.map((v) => [v, statusLabel(kind, v).label] as const);
}

/** The one value among `values` that `raw` (a URL parameter) names, else undefined. */
export function knownValue<V extends string>(values: readonly V[], raw: string | string[] | undefined): V | undefined {
  return typeof raw === "string" ? values.find((v) => v === raw) : undefined;
}

/** The three statuses of an order at one moment. */
export interface StatusTriple {
  status: string;
  paymentStatus: string;
  fulfilmentStatus: string;
}

/**
 * What a transition changed, for a timeline: the labels of the statuses that differ from the
 * previous moment ("Paid", "Partly shipped"…), or the order's status for its first moment.
 * A transition that changed none of the three (a return requested, say) reads "Updated".
 */
export function transitionLabel(previous: StatusTriple | null, next: StatusTriple): string {
  if (!previous) return statusLabel("order", next.status).label;
  const changed: string[] = [];
  if (previous.status !== next.status) changed.push(statusLabel("order", next.status).label);
  if (previous.paymentStatus !== next.paymentStatus) changed.push(statusLabel("payment", next.paymentStatus).label);
  if (previous.fulfilmentStatus !== next.fulfilmentStatus) {
    changed.push(statusLabel("fulfilment", next.fulfilmentStatus).label);
  }
  return changed.length > 0 ? changed.join(" · ") : "Updated";
}
