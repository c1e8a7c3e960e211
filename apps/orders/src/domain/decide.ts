import {
  cancelRefusal,
  deliverRefusal,
  type OrderStatus,
  type Refusal,
  refundAmountProblem,
  refundableAmount,
  refundRefusal,
  type Shortage,
  shipRefusal,
} from "../contract.ts";
import { OrderRuleError, OrderTransitionError, PaymentMismatchError } from "./errors.ts";
import type { NewOrderEvent, OrderPlacedData } from "./events.ts";
import { describeShortages, type OrderState } from "./order.ts";

/**
 * The order's guarded transitions. Each takes the current state and returns the facts to append
 * (an empty list when the command was already applied, so retries are harmless) or throws
 * OrderTransitionError naming both states. The commands people give (ship, deliver, cancel,
 * refund) are refused by the contract's rules, the same ones the web app enables its buttons with.
 */

function requireStatus(state: OrderState, allowed: readonly OrderStatus[], to: OrderStatus): void {
  if (!allowed.includes(state.status)) throw new OrderTransitionError(state.status, to);
}

function refuse(state: OrderState, refusal: Refusal | null): void {
  if (refusal) throw new OrderTransitionError(state.status, refusal.to, refusal.detail);
}

export function place(state: OrderState | null, data: OrderPlacedData): NewOrderEvent[] {
  if (state) throw new OrderTransitionError(state.status, "PENDING", "it was already placed");
  return [{ type: "OrderPlaced", data }];
}

/** Stock is held and a payment intent exists: the shopper can pay. */
export function requestPayment(
  state: OrderState,
  reservation: { reservationId: string; expiresAt: string },
  payment: { paymentId: string; provider: string; clientSecret: string | null },
): NewOrderEvent[] {
  if (state.reservation?.reservationId === reservation.reservationId && state.payment) return [];
  requireStatus(state, ["PENDING"], "AWAITING_PAYMENT");
  return [
    { type: "StockReserved", data: reservation },
    { type: "PaymentRequested", data: payment },
  ];
}

export function rejectStock(state: OrderState, shortages: Shortage[]): NewOrderEvent[] {
  if (state.status === "CANCELLED" && state.shortages.length > 0) return [];
  requireStatus(state, ["PENDING"], "CANCELLED");
  return [{ type: "StockRejected", data: { shortages } }];
}

export function failPayment(
  state: OrderState,
  failure: { paymentId: string; code: string; reason: string },
): NewOrderEvent[] {
  requireStatus(state, ["AWAITING_PAYMENT"], "AWAITING_PAYMENT");
  return [{ type: "PaymentFailed", data: failure }];
}

/**
 * Money arrived. On an order awaiting payment it becomes PAID; on one cancelled meanwhile (the
 * reservation expired first) the payment is recorded so it can be refunded, and the order stays
 * CANCELLED. Returns no event when this payment was already recorded.
 */
export function recordPayment(
  state: OrderState,
  payment: { paymentId: string; amount: number; currency: string },
): NewOrderEvent[] {
  if (state.status === "PENDING") throw new OrderTransitionError(state.status, "PAID");
  checkPaymentIsTheRequested(state, payment);
  if (state.paidAt) return [];
  requireStatus(state, ["AWAITING_PAYMENT", "CANCELLED"], "PAID");
  return [{ type: "PaymentSucceeded", data: payment }];
}

/**
 * Only the payment this order requested counts, for exactly what it asked: the same payment id,
 * the order's total and its currency. Anything else (a forged or mismatched event) is refused.
 */
export function checkPaymentIsTheRequested(
  state: OrderState,
  payment: { paymentId: string; amount: number; currency: string },
): void {
  const requested = state.payment?.paymentId;
  const { total, currency } = state.placed.totals;
  if (payment.paymentId !== requested) {
    throw new PaymentMismatchError(
      "paymentId",
      requested
        ? `payment ${payment.paymentId}, the order requested ${requested}`
        : `payment ${payment.paymentId} was never requested`,
    );
  }
  if (payment.currency !== currency) {
    throw new PaymentMismatchError("currency", `payment in ${payment.currency}, order in ${currency}`);
  }
  if (payment.amount !== total) {
    throw new PaymentMismatchError("amount", `payment of ${payment.amount}, the order asked for ${total}`);
  }
}

/** True when a recorded payment belongs to an order that was already cancelled: it must be refunded. */
export function paidWhileCancelled(state: OrderState): boolean {
  return state.status === "CANCELLED" && state.paidAmount > 0 && !state.cancellation?.wasPaid;
}

export function expireReservation(state: OrderState, reservationId: string): NewOrderEvent[] {
  requireStatus(state, ["PENDING", "AWAITING_PAYMENT"], "CANCELLED");
  if (state.reservation && state.reservation.reservationId !== reservationId) return [];
  return [
    {
      type: "OrderCancelled",
      data: { reason: "the stock reservation expired before payment", by: "system", wasPaid: false },
    },
  ];
}

/**
 * What cancelling would take: whether money must go back first, and how much. Throws when the
 * order can no longer be cancelled (shipped, delivered, already cancelled or refunded).
 */
export function planCancel(state: OrderState): { wasPaid: boolean; refundDue: number } {
  refuse(state, cancelRefusal(state));
  return { wasPaid: state.paidAmount > 0, refundDue: refundableAmount(state) };
}

export function cancel(
  state: OrderState,
  cmd: {
    reason: string;
    by: "shopper" | "admin" | "system";
    refund?: { refundId: string; amount: number; refundedTotal: number } | null;
  },
): NewOrderEvent[] {
  // The refund made for this cancel may already be recorded (payments' event can beat us here).
  const refundedForThis =
    state.status === "REFUNDED" &&
    !state.cancellation &&
    !state.shipment &&
    state.refunds.some((r) => r.refundId === cmd.refund?.refundId);
  if (!refundedForThis) planCancel(state);
  const wasPaid = state.paidAmount > 0;
  const events: NewOrderEvent[] = [{ type: "OrderCancelled", data: { reason: cmd.reason, by: cmd.by, wasPaid } }];
  if (cmd.refund && !state.refunds.some((r) => r.refundId === cmd.refund?.refundId)) {
    events.push({ type: "RefundIssued", data: { ...cmd.refund, reason: cmd.reason } });
  }
  return events;
}

export function ship(state: OrderState, cmd: { carrier: string; trackingNumber: string }): NewOrderEvent[] {
  refuse(state, shipRefusal(state));
  return [{ type: "OrderShipped", data: cmd }];
}

export function deliver(state: OrderState): NewOrderEvent[] {
  refuse(state, deliverRefusal(state));
  return [{ type: "OrderDelivered", data: {} }];
}

/** Checks a refund of `amount` before money moves: paid orders only, never more than was paid. */
export function planRefund(state: OrderState, amount: number): void {
  refuse(state, refundRefusal(state));
  const problem = refundAmountProblem(state, amount);
  if (problem) throw new OrderRuleError("amount", problem);
}

/** Records a refund that payments made; a refund already recorded (same refund id) adds nothing. */
export function recordRefund(
  state: OrderState,
  refund: { refundId: string; amount: number; refundedTotal: number; reason: string },
): NewOrderEvent[] {
  if (state.refunds.some((r) => r.refundId === refund.refundId)) return [];
  if (state.paidAmount === 0) throw new OrderTransitionError(state.status, "REFUNDED", "nothing was paid");
  return [{ type: "RefundIssued", data: refund }];
}

export { describeShortages };
