/**
 * Live staff alerts (#22), the pure rules: when each kind is raised, what it says, and the one key
 * that makes each cause raise it once however often its event is delivered.
 */
import type { DeadLetterMessage } from "@mercato/events";
import type { AlertKind } from "@mercato/events/schemas";

export interface AlertDraft {
  kind: AlertKind;
  /** One alert per key: the cause (an event id, an order id, a dead letter). */
  dedupeKey: string;
  subject: string;
  message: string;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Inventory says a SKU crossed its threshold (once per crossing): one alert per such event. */
export function lowStockAlert(eventId: string, s: { sku: string; available: number; threshold: number }): AlertDraft {
  return {
    kind: "low_stock",
    dedupeKey: `low_stock:${eventId}`,
    subject: s.sku,
    message: `${s.sku}: ${s.available} available, at or below its threshold of ${s.threshold}`,
  };
}

/**
 * A spike: `count` failures within the window reach `limit`, and no spike alert was raised within
 * the window already (one alert per burst, not one per failure past the limit).
 */
export function isPaymentFailureSpike(count: number, limit: number, lastSpikeAt: Date | null, windowStart: Date) {
  return count >= limit && (lastSpikeAt === null || lastSpikeAt < windowStart);
}

export function paymentFailureSpikeAlert(eventId: string, count: number, windowSeconds: number): AlertDraft {
  const minutes = windowSeconds % 60 === 0 ? `${windowSeconds / 60} min` : `${windowSeconds} s`;
  return {
    kind: "payment_failure_spike",
    dedupeKey: `payment_failure_spike:${eventId}`,
    subject: "payments",
    message: `${count} payments failed within ${minutes}`,
  };
}

/** Placed before `cutoff` and neither paid nor cancelled since: stuck. */
export function isStuck(placedAt: Date, cutoff: Date): boolean {
  return placedAt <= cutoff;
}

export function stuckOrderAlert(o: { orderId: string; number: string }, stuckSeconds: number): AlertDraft {
  const minutes = Math.round(stuckSeconds / 60);
  return {
    kind: "stuck_order",
    dedupeKey: `stuck_order:${o.orderId}`,
    subject: o.orderId,
    message: `Order ${o.number} was placed ${minutes >= 1 ? `${minutes} min` : `${stuckSeconds} s`} ago and is neither paid nor cancelled`,
  };
}

/** What a dead letter tells (read from the DEADLETTER stream by @mercato/events). */
export type DeadLetter = DeadLetterMessage;

export function deadLetteredAlert(d: DeadLetter): AlertDraft {
  return {
    kind: "dead_lettered",
    dedupeKey: `dead_lettered:${d.consumer}:${d.eventId ?? `seq-${d.sequence}`}`,
    subject: clip(`${d.consumer}: ${d.eventType}`, 300),
    message: clip(`${d.consumer} gave up on ${d.eventType}${d.eventId ? ` ${d.eventId}` : ""}: ${d.reason}`, 1000),
  };
}
