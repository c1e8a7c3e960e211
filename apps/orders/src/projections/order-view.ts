import type { FulfilmentStatus, OrderStatus, OrderSummary, OrderView, PaymentStatus } from "../contract.ts";
import type { OrderState } from "../domain/order.ts";

/** The read model is a pure function of the folded state, so live updates and a rebuild agree. */
export function orderView(state: OrderState): OrderView {
  const p = state.placed;
  return {
    id: p.orderId,
    number: p.number,
    status: state.status,
    paymentStatus: state.paymentStatus,
    fulfilmentStatus: state.fulfilmentStatus,
    version: state.version,
    userId: p.userId,
    email: p.email,
    lines: p.lines,
    regionId: p.regionId,
    totals: p.totals,
    shippingMethod: p.shippingMethod,
    discountCode: p.discountCode,
    giftCard: p.giftCard,
    shippingAddress: p.shippingAddress,
    billingAddress: p.billingAddress,
    payment: state.payment && {
      paymentId: state.payment.paymentId,
      provider: state.payment.provider,
      clientSecret: state.payment.clientSecret,
      lastError: state.payment.lastError,
    },
    reservationExpiresAt: state.reservation?.expiresAt ?? null,
    paidAmount: state.paidAmount,
    refundedTotal: state.refundedTotal,
    refunds: state.refunds,
    shipments: state.shipments,
    cancelledLines: state.cancelledLines,
    returns: state.returns,
    cancellation: state.cancellation && {
      reason: state.cancellation.reason,
      by: state.cancellation.by,
      at: state.cancellation.at,
    },
    shortages: state.shortages,
    placedAt: state.placedAt,
    paidAt: state.paidAt,
    updatedAt: state.updatedAt,
  };
}

/** The row of `order_views` for a state. */
export function orderViewRow(state: OrderState) {
  const view = orderView(state);
  return {
    id: view.id,
    number: view.number,
    userId: view.userId,
    email: view.email.toLowerCase(),
    status: view.status,
    paymentStatus: view.paymentStatus,
    fulfilmentStatus: view.fulfilmentStatus,
    regionId: view.regionId,
    currency: view.totals.currency,
    total: view.totals.total,
    paidAmount: view.paidAmount,
    refundedTotal: view.refundedTotal,
    returnsRefunded: view.refunds.reduce((n, r) => (r.returnId ? n + r.amount : n), 0),
    itemCount: view.lines.reduce((n, l) => n + l.quantity, 0),
    accessTokenHash: state.placed.accessTokenHash,
    placedAt: Date.parse(view.placedAt),
    paidAt: view.paidAt ? Date.parse(view.paidAt) : null,
    updatedAt: Date.parse(view.updatedAt),
    version: view.version,
    detail: view,
  };
}

/** A line of a list (shopper's or admin's), from its read-model row. */
export function orderSummary(row: {
  id: string;
  number: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfilmentStatus: FulfilmentStatus;
  email: string;
  regionId: string | null;
  currency: string;
  total: number;
  itemCount: number;
  placedAt: number;
  updatedAt: number;
}): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    paymentStatus: row.paymentStatus,
    fulfilmentStatus: row.fulfilmentStatus,
    email: row.email,
    regionId: row.regionId,
    currency: row.currency,
    total: row.total,
    itemCount: row.itemCount,
    placedAt: new Date(row.placedAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The rows of `order_returns` for a state: one per return, for the returns queue. */
export function orderReturnRows(state: OrderState) {
  return state.returns.map((r) => ({
    id: r.id,
    orderId: state.placed.orderId,
    orderNumber: state.placed.number,
    number: r.number,
    status: r.status,
    email: state.placed.email.toLowerCase(),
    itemCount: r.lines.reduce((n, l) => n + l.quantity, 0),
    exchange: r.lines.some((l) => l.exchangeForSku !== null),
    requestedAt: Date.parse(r.requestedAt),
    updatedAt: Date.parse(r.refundedAt ?? r.receivedAt ?? r.decidedAt ?? r.requestedAt),
  }));
}
