import type { CancelledBy, OrderStatus, Shortage } from "../contract.ts";
import type { OrderEvent, OrderPlacedData } from "./events.ts";

export interface OrderState {
  version: number;
  status: OrderStatus;
  placed: OrderPlacedData;
  placedAt: string;
  updatedAt: string;
  reservation: { reservationId: string; expiresAt: string } | null;
  shortages: Shortage[];
  payment: {
    paymentId: string;
    provider: string;
    clientSecret: string | null;
    lastError: { code: string; reason: string } | null;
    attempts: number;
  } | null;
  paidAmount: number;
  paidAt: string | null;
  shipment: { carrier: string; trackingNumber: string; shippedAt: string; deliveredAt: string | null } | null;
  cancellation: { reason: string; by: CancelledBy; wasPaid: boolean; at: string } | null;
  refunds: { refundId: string; amount: number; reason: string; at: string }[];
  refundedTotal: number;
}

/** Applies one stored fact. Pure: the same events always fold to the same state. */
export function evolve(state: OrderState | null, event: OrderEvent): OrderState {
  const at = event.occurredAt;
  if (event.type === "OrderPlaced") {
    return {
      version: event.version,
      status: "PENDING",
      placed: event.data,
      placedAt: at,
      updatedAt: at,
      reservation: null,
      shortages: [],
      payment: null,
      paidAmount: 0,
      paidAt: null,
      shipment: null,
      cancellation: null,
      refunds: [],
      refundedTotal: 0,
    };
  }
  if (!state) throw new Error(`order event ${event.type} (v${event.version}) comes before OrderPlaced`);
  const s: OrderState = { ...state, version: event.version, updatedAt: at };
  switch (event.type) {
    case "StockReserved":
      return { ...s, reservation: event.data };
    case "StockRejected":
      return {
        ...s,
        status: "CANCELLED",
        shortages: event.data.shortages,
        cancellation: { reason: describeShortages(event.data.shortages), by: "system", wasPaid: false, at },
      };
    case "PaymentRequested":
      return { ...s, status: "AWAITING_PAYMENT", payment: { ...event.data, lastError: null, attempts: 0 } };
    case "PaymentFailed":
      return {
        ...s,
        payment: s.payment && {
          ...s.payment,
          lastError: { code: event.data.code, reason: event.data.reason },
          attempts: s.payment.attempts + 1,
        },
      };
    case "PaymentSucceeded":
      // A payment that lands on a cancelled order is recorded (and refunded) without reviving it.
      return {
        ...s,
        status: s.status === "CANCELLED" ? "CANCELLED" : "PAID",
        paidAmount: event.data.amount,
        paidAt: at,
        payment: s.payment && { ...s.payment, lastError: null, attempts: s.payment.attempts + 1 },
      };
    case "OrderCancelled":
      // A paid order whose money is all back reads REFUNDED, whichever was recorded first.
      return {
        ...s,
        status: s.paidAmount > 0 && s.refundedTotal >= s.paidAmount ? "REFUNDED" : "CANCELLED",
        cancellation: { ...event.data, at },
      };
    case "OrderShipped":
      return { ...s, status: "SHIPPED", shipment: { ...event.data, shippedAt: at, deliveredAt: null } };
    case "OrderDelivered":
      return { ...s, status: "DELIVERED", shipment: s.shipment && { ...s.shipment, deliveredAt: at } };
    case "RefundIssued": {
      const refundedTotal = Math.max(s.refundedTotal + event.data.amount, event.data.refundedTotal);
      return {
        ...s,
        status: refundedTotal >= s.paidAmount ? "REFUNDED" : "PARTIALLY_REFUNDED",
        refunds: [
          ...s.refunds,
          { refundId: event.data.refundId, amount: event.data.amount, reason: event.data.reason, at },
        ],
        refundedTotal,
      };
    }
  }
}

/** The state after all of an order's events, or null when there are none. */
export function fold(events: readonly OrderEvent[], from: OrderState | null = null): OrderState | null {
  return events.reduce<OrderState | null>(evolve, from);
}

/** "out of stock: SKU-1 (requested 3, available 1)" — the reason a shopper and an admin read. */
export function describeShortages(shortages: readonly Shortage[]): string {
  return `out of stock: ${shortages.map((x) => `${x.sku} (requested ${x.requested}, available ${x.available})`).join(", ")}`;
}
