import type { PaymentStatus } from "./payment-status.ts";
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

export type RefundCheck =
  | { ok: true; amount: number }
  | { ok: false; code: "BAD_REQUEST" | "CONFLICT"; message: string };

/**
 * Decides whether a refund may go ahead. `requested` omitted means "everything that is left".
 * Messages start with the input field they are about.
 */
export function checkRefund(p: RefundPosition, requested: number | undefined): RefundCheck {
  if (!isRefundable(p.status)) {
    return {
      ok: false,
      code: "CONFLICT",
      message: `orderId: the payment is ${p.status}; only a succeeded payment can be refunded`,
    };
  }
  const remainder = refundableRemainder(p);
  const amount = requested ?? remainder;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    return { ok: false, code: "BAD_REQUEST", message: "amount: must be a positive whole number of minor units" };
  }
  if (amount > remainder) {
    return {
      ok: false,
      code: "BAD_REQUEST",
      message: `amount: ${amount} is more than the ${remainder} left to refund`,
    };
  }
  return { ok: true, amount };
}

/** The status once `refundedTotal` of `amount` has been given back. */
export function statusAfterRefund(amount: number, refundedTotal: number): "partially_refunded" | "refunded" {
  return refundedTotal >= amount ? "refunded" : "partially_refunded";
}
