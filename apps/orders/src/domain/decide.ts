import {
  cancelLinesProblem,
  cancelLinesRefusal,
  cancelRefusal,
  cardDue,
  deliverRefusal,
  exchangesToShip,
  type InputProblem,
  type LineQuantity,
  type OrderStatus,
  RELEASED_TO_CART_REASON,
  type RefundDestination,
  type Refusal,
  type ReturnReason,
  type ReturnStatus,
  receiveLinesProblem,
  refundAmountProblem,
  refundableAmount,
  refundRefusal,
  releaseRefusal,
  requestReturnRefusal,
  returnLinesProblem,
  returnRefusal,
  type Shortage,
  shipLinesProblem,
  shipRefusal,
  unshippedLines,
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

/** The steps of the checkout saga, by where the order is: status PENDING, and paid or not, and a payment asked. */
type SagaStep = "PENDING" | "AWAITING_PAYMENT" | "PAID" | "CANCELLED";
function sagaStep(state: OrderState): SagaStep {
  if (state.status === "CANCELLED") return "CANCELLED";
  if (state.paidAmount > 0) return "PAID";
  return state.payment ? "AWAITING_PAYMENT" : "PENDING";
}

function requireStatus(
  state: OrderState,
  allowed: readonly SagaStep[],
  to: OrderStatus | "AWAITING_PAYMENT" | "PAID",
): void {
  const step = sagaStep(state);
  if (allowed.includes(step)) return;
  if (step === "AWAITING_PAYMENT" || step === "PAID") {
    throw new OrderTransitionError(state.paymentStatus, to, undefined, "payment");
  }
  throw new OrderTransitionError(state.status, to);
}

function refuse(refusal: Refusal | InputProblem | null): void {
  if (!refusal) return;
  if ("field" in refusal) throw new OrderRuleError(refusal.field, refusal.reason);
  throw new OrderTransitionError(refusal.from, refusal.to, refusal.detail, refusal.kind);
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

/** A refund payments made for a command: its id, amount, the running total and where it went. */
export interface IssuedRefund {
  refundId: string;
  amount: number;
  refundedTotal: number;
  to: RefundDestination;
}

function recorded(state: OrderState, refund: { refundId: string }): boolean {
  return state.refunds.some((r) => r.refundId === refund.refundId);
}

/** One RefundIssued per refund not recorded yet (payments' event may have recorded one first). */
function refundEvents(
  state: OrderState,
  refunds: readonly IssuedRefund[],
  reason: string,
  returnId: string | null,
): NewOrderEvent[] {
  return refunds
    .filter((refund) => !recorded(state, refund))
    .map((refund) => ({ type: "RefundIssued", data: { ...refund, reason, returnId } }));
}

/** The id the order records as its payment when a gift card pays the whole total (no card payment). */
export function giftCardPaymentId(orderId: string): string {
  return `gift-card:${orderId}`;
}

/**
 * Stock is held and the gift card held at checkout covers the whole total: nothing is asked of
 * the card provider, the order is paid at once (a card-side payment of 0, so it goes PAID and
 * orders.paid.v1 follows like any payment).
 */
export function payByGiftCard(state: OrderState, reservation: { reservationId: string; expiresAt: string }) {
  if (state.reservation?.reservationId === reservation.reservationId && state.payment) return [];
  requireStatus(state, ["PENDING"], "PAID");
  if (!state.placed.giftCard || cardDue(state.placed) !== 0) {
    throw new OrderRuleError("giftCard", "the gift card does not cover the whole total");
  }
  const paymentId = giftCardPaymentId(state.placed.orderId);
  const events: NewOrderEvent[] = [
    { type: "StockReserved", data: reservation },
    { type: "PaymentRequested", data: { paymentId, provider: "gift-card", clientSecret: null } },
    { type: "PaymentSucceeded", data: { paymentId, amount: 0, currency: state.placed.totals.currency } },
  ];
  return events;
}

export function rejectStock(state: OrderState, shortages: Shortage[]): NewOrderEvent[] {
  if (state.cancellation && state.shortages.length > 0) return [];
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
  if (sagaStep(state) === "PENDING")
    throw new OrderTransitionError(state.paymentStatus, "PAID", "no payment was requested", "payment");
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
  const { currency } = state.placed.totals;
  // A gift card paid its part at checkout: the card payment is for the rest.
  const total = cardDue(state.placed);
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
  return state.cancellation !== null && state.paidAmount > 0 && !state.cancellation.wasPaid;
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
  refuse(cancelRefusal(state));
  return { wasPaid: state.paidAmount > 0, refundDue: refundableAmount(state) };
}

/**
 * The shopper releases their unpaid order from the pay step (#21): cancelled by the shopper with
 * RELEASED_TO_CART_REASON, nothing to refund, so orders.cancelled.v1 (wasPaid false) lets
 * inventory release the reservation and the cart give the code's use back. Releasing it again
 * changes nothing; a paid, shipped or otherwise cancelled order is refused (409 naming the status).
 */
export function releasePending(state: OrderState): NewOrderEvent[] {
  refuse(releaseRefusal(state));
  if (state.cancellation) return [];
  return cancel(state, { reason: RELEASED_TO_CART_REASON, by: "shopper", refunds: [] });
}

export function cancel(
  state: OrderState,
  cmd: {
    reason: string;
    by: "shopper" | "admin" | "system";
    refunds?: readonly IssuedRefund[];
  },
): NewOrderEvent[] {
  const refunds = cmd.refunds ?? [];
  // The refund made for this cancel may already be recorded (payments' event can beat us here).
  const refundedForThis =
    state.paymentStatus === "REFUNDED" &&
    !state.cancellation &&
    state.shipments.length === 0 &&
    refunds.some((refund) => recorded(state, refund));
  if (!refundedForThis) planCancel(state);
  const wasPaid = state.paidAmount > 0;
  const events: NewOrderEvent[] = [{ type: "OrderCancelled", data: { reason: cmd.reason, by: cmd.by, wasPaid } }];
  events.push(...refundEvents(state, refunds, cmd.reason, null));
  return events;
}

/**
 * Ships `lines` (absent: every unit left), or an exchange's replacements. The shipment id is the
 * caller's (a fresh id per command); the same id again is a retry and adds nothing.
 */
export function ship(
  state: OrderState,
  cmd: {
    shipmentId: string;
    lines?: LineQuantity[] | undefined;
    carrier: string;
    trackingNumber: string;
    trackingUrl: string | null;
    exchangeReturnId?: string | undefined;
  },
): NewOrderEvent[] {
  if (state.shipments.some((s) => s.id === cmd.shipmentId)) return [];
  const base = {
    shipmentId: cmd.shipmentId,
    carrier: cmd.carrier,
    trackingNumber: cmd.trackingNumber,
    trackingUrl: cmd.trackingUrl,
  };
  if (cmd.exchangeReturnId) {
    if (cmd.lines) throw new OrderRuleError("lines", "an exchange ships its replacements: leave lines out");
    const ret = state.returns.find((r) => r.id === cmd.exchangeReturnId);
    if (!ret?.exchange)
      throw new OrderRuleError("exchangeReturnId", `no exchange ${cmd.exchangeReturnId} on this order`);
    if (!exchangesToShip(state).includes(ret.id)) {
      const detail =
        ret.exchange.shipmentId !== null
          ? "its replacements have shipped"
          : ret.exchange.difference > 0 && !ret.exchange.paidAt
            ? "its price difference is not paid"
            : "the returned units have not been received";
      throw new OrderTransitionError(ret.status, "shipped", detail, "return");
    }
    const lines = ret.exchange.lines.map((l) => ({ sku: l.exchangeForSku, quantity: l.quantity }));
    return [{ type: "ShipmentShipped", data: { ...base, lines, exchangeReturnId: ret.id } }];
  }
  refuse(shipRefusal(state));
  refuse(shipLinesProblem(state, cmd.lines));
  const lines = cmd.lines ? mergeLines(cmd.lines) : unshippedLines(state);
  return [{ type: "ShipmentShipped", data: { ...base, lines, exchangeReturnId: null } }];
}

/** One entry per SKU (a SKU listed twice adds up). */
function mergeLines(lines: readonly LineQuantity[]): LineQuantity[] {
  const by = new Map<string, number>();
  for (const l of lines) by.set(l.sku, (by.get(l.sku) ?? 0) + l.quantity);
  return [...by].map(([sku, quantity]) => ({ sku, quantity }));
}

/** One shipment arrived; its units may be returned until `returnableUntil`. Again: nothing. */
export function deliver(
  state: OrderState,
  cmd: { shipmentId: string; returnableUntil: string; deliveredAt?: string | null },
): NewOrderEvent[] {
  const shipment = state.shipments.find((s) => s.id === cmd.shipmentId);
  if (shipment?.deliveredAt) return [];
  refuse(deliverRefusal(state, cmd.shipmentId));
  const deliveredAt = cmd.deliveredAt ?? null;
  return [
    {
      type: "ShipmentDelivered",
      data: { shipmentId: cmd.shipmentId, returnableUntil: cmd.returnableUntil, deliveredAt },
    },
  ];
}

/** Checks cancelling these unshipped units before money moves. */
export function planCancelLines(state: OrderState, lines: readonly LineQuantity[]): void {
  refuse(cancelLinesRefusal(state));
  refuse(cancelLinesProblem(state, lines));
}

export function cancelLines(
  state: OrderState,
  cmd: {
    lines: LineQuantity[];
    reason: string;
    refundAmount: number;
    refunds: readonly IssuedRefund[];
    idempotencyKey?: string;
  },
): NewOrderEvent[] {
  // The same client key again (a double click, a retry): already done, nothing changes.
  if (cmd.idempotencyKey && state.cancelKeys.includes(cmd.idempotencyKey)) return [];
  const already = cmd.refunds.length > 0 && cmd.refunds.every((refund) => recorded(state, refund));
  // Without a client key, a refund already recorded and a cancel with the same reason is taken for a
  // retry (a key is the reliable way: a second cancel may well give the same reason).
  if (!cmd.idempotencyKey && already && state.cancelledLines.some((c) => c.reason === cmd.reason)) return [];
  planCancelLines(state, cmd.lines);
  const events: NewOrderEvent[] = [
    {
      type: "LinesCancelled",
      data: {
        lines: mergeLines(cmd.lines),
        reason: cmd.reason,
        refundAmount: cmd.refundAmount,
        ...(cmd.idempotencyKey ? { idempotencyKey: cmd.idempotencyKey } : {}),
      },
    },
  ];
  events.push(...refundEvents(state, cmd.refunds, cmd.reason, null));
  return events;
}

export function requestReturn(
  state: OrderState,
  cmd: {
    returnId: string;
    number: string;
    now: Date;
    lines: {
      sku: string;
      quantity: number;
      reason: ReturnReason;
      exchangeForSku: string | null;
      exchangeUnitPrice: number | null;
    }[];
  },
): NewOrderEvent[] {
  if (state.returns.some((r) => r.id === cmd.returnId)) return [];
  refuse(requestReturnRefusal(state));
  refuse(returnLinesProblem(state, cmd.lines, cmd.now));
  return [{ type: "ReturnRequested", data: { returnId: cmd.returnId, number: cmd.number, lines: cmd.lines } }];
}

function theReturn(state: OrderState, returnId: string) {
  const ret = state.returns.find((r) => r.id === returnId);
  if (!ret) throw new OrderRuleError("returnId", `no return ${returnId} on this order`);
  return ret;
}

function move(state: OrderState, returnId: string, to: ReturnStatus) {
  const ret = theReturn(state, returnId);
  refuse(returnRefusal(ret, to));
  return ret;
}

export function approveReturn(
  state: OrderState,
  cmd: {
    returnId: string;
    note: string;
    instructions: string;
    exchange: { difference: number; paymentId: string | null; clientSecret: string | null } | null;
  },
): NewOrderEvent[] {
  if (theReturn(state, cmd.returnId).status === "APPROVED") return [];
  move(state, cmd.returnId, "APPROVED");
  return [{ type: "ReturnApproved", data: cmd }];
}

export function rejectReturn(state: OrderState, cmd: { returnId: string; note: string }): NewOrderEvent[] {
  if (theReturn(state, cmd.returnId).status === "REJECTED") return [];
  move(state, cmd.returnId, "REJECTED");
  return [{ type: "ReturnRejected", data: cmd }];
}

/** Checks a receipt and answers the return as it stands (the app works the refund out from it). */
export function planReceive(
  state: OrderState,
  cmd: { returnId: string; lines: { sku: string; received: number; damaged: number }[] },
) {
  const ret = move(state, cmd.returnId, "RECEIVED");
  refuse(receiveLinesProblem(ret, cmd.lines));
  return ret;
}

export function receiveReturn(
  state: OrderState,
  cmd: {
    returnId: string;
    lines: { sku: string; received: number; damaged: number }[];
    breakdown: import("../contract.ts").RefundBreakdown;
  },
): NewOrderEvent[] {
  if (theReturn(state, cmd.returnId).status !== "APPROVED") {
    const ret = theReturn(state, cmd.returnId);
    if (ret.receivedAt) return [];
  }
  planReceive(state, cmd);
  return [{ type: "ReturnReceived", data: cmd }];
}

/** Settles a received return: records the refund payments made (if any) and closes it. */
export function settleReturn(
  state: OrderState,
  cmd: { returnId: string; reason: string; refunds: readonly IssuedRefund[] },
): NewOrderEvent[] {
  const ret = theReturn(state, cmd.returnId);
  if (ret.status === "REFUNDED" || ret.status === "CLOSED") return [];
  const amount = cmd.refunds.reduce((n, r) => n + r.amount, 0);
  const to: ReturnStatus = amount > 0 ? "REFUNDED" : "CLOSED";
  refuse(returnRefusal(ret, to));
  const events = refundEvents(state, cmd.refunds, cmd.reason, ret.id);
  // The card refund's id when there is one (a provider's dashboard shows it), else the gift card's.
  const main = cmd.refunds.find((r) => r.to === "card") ?? cmd.refunds[0];
  events.push({ type: "ReturnSettled", data: { returnId: ret.id, refundId: main?.refundId ?? null, amount } });
  return events;
}

/** The shopper paid an exchange's difference (payments' event); a second delivery adds nothing. */
export function recordExchangePayment(
  state: OrderState,
  payment: { returnId: string; paymentId: string; amount: number },
): NewOrderEvent[] {
  const ret = theReturn(state, payment.returnId);
  if (!ret.exchange || ret.exchange.paidAt) return [];
  if (ret.exchange.paymentId !== payment.paymentId) {
    throw new PaymentMismatchError(
      "paymentId",
      `payment ${payment.paymentId}, the exchange asked for ${ret.exchange.paymentId}`,
    );
  }
  if (ret.exchange.difference !== payment.amount) {
    throw new PaymentMismatchError(
      "amount",
      `payment of ${payment.amount}, the exchange asked for ${ret.exchange.difference}`,
    );
  }
  return [{ type: "ExchangePaid", data: payment }];
}

/** Checks a refund of `amount` before money moves: paid orders only, never more than was paid. */
export function planRefund(state: OrderState, amount: number): void {
  refuse(refundRefusal(state));
  const problem = refundAmountProblem(state, amount);
  if (problem) throw new OrderRuleError("amount", problem);
}

/** Records a refund that payments made; a refund already recorded (same refund id) adds nothing. */
export function recordRefund(state: OrderState, refund: IssuedRefund & { reason: string }): NewOrderEvent[] {
  if (recorded(state, refund)) return [];
  if (state.paidAmount === 0)
    throw new OrderTransitionError(state.paymentStatus, "REFUNDED", "nothing was paid", "payment");
  // Payments' event can beat the receive that asked for this refund: a received return waiting
  // for exactly this amount is the one it is for (so it is not announced as a goodwill refund).
  const pending = state.returns.find((r) => r.status === "RECEIVED" && r.refund?.amount === refund.amount);
  return [{ type: "RefundIssued", data: { ...refund, returnId: pending?.id ?? null } }];
}

export { describeShortages };
