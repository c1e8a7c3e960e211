import type { PaymentRow } from "../db/queries.ts";

/**
 * Payment events are keyed by order id, so consumers handle one order's events in order, and
 * correlated by it, so the saga's events about one order can be followed together.
 */
export function eventMeta(payment: PaymentRow) {
  return { key: payment.orderId, correlationId: payment.orderId };
}

export function paymentRef(payment: PaymentRow) {
  return { paymentId: payment.id, orderId: payment.orderId, provider: payment.provider };
}
