import { type PaymentRow, referenceOf } from "../db/queries.ts";

/**
 * Payment events are keyed by order id, so consumers handle one order's events in order, and
 * correlated by it, so the saga's events about one order can be followed together.
 */
export function eventMeta(payment: PaymentRow) {
  return { key: payment.orderId, correlationId: payment.orderId };
}

/** Which payment an event is about: consumers tell the checkout payment from an exchange's by `purpose`. */
export function paymentRef(payment: PaymentRow) {
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    provider: payment.provider,
    purpose: payment.purpose,
    reference: referenceOf(payment),
  };
}
