import { conflict, invalid } from "@mercato/kit/errors";
import type { PaymentStatus } from "../contract.ts";
import { isRefundable } from "./payment-status.ts";

export interface RefundPosition {
  status: PaymentStatus;
  /** The captured amount, in minor units. */
  amount: number;
  /** Refunds the provider has confirmed. */
  refunded: number;
  /** Refunds reserved but not yet confirmed by the provider (in flight). */
  pending: number;
}

/** What is left to refund: money in flight counts as gone, so two requests can never both take it. */
export function refundableRemainder(p: RefundPosition): number {
  return Math.max(0, p.amount - p.refunded - p.pending);
}

/**
 * The amount a refund may take: `requested`, or everything that is left when it is omitted.
 * Refusals name the input field they are about.
 */
export function refundAmount(p: RefundPosition, requested: number | undefined): number {
  if (!isRefundable(p.status)) {
    throw conflict("orderId", `the payment is ${p.status}; only a succeeded payment can be refunded`);
  }
  const remainder = refundableRemainder(p);
  const amount = requested ?? remainder;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw invalid("amount", "must be a positive whole number of minor units");
  }
  if (amount > remainder) throw invalid("amount", `${amount} is more than the ${remainder} left to refund`);
  return amount;
}

/** The status once `refundedTotal` of `amount` has been given back. */
export function statusAfterRefund(amount: number, refundedTotal: number): "partially_refunded" | "refunded" {
  return refundedTotal >= amount ? "refunded" : "partially_refunded";
}
