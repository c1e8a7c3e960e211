import type {
  CancelledBy,
  CancelledLines,
  FulfilmentStatus,
  OrderReturn,
  OrderStatus,
  PaymentStatus,
  RefundDestination,
  Shipment,
  Shortage,
} from "../contract.ts";
import type { OrderEvent, OrderPlacedData } from "./events.ts";
import { fulfilmentStatusOf, orderStatusOf, paymentStatusOf } from "./status.ts";

export interface OrderState {
  version: number;
  /** Derived from the facts below after every event (domain/status.ts). */
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfilmentStatus: FulfilmentStatus;
  placed: OrderPlacedData;
  /** The order's lines as placed (= placed.lines), for the contract's rules. */
  lines: OrderPlacedData["lines"];
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
  shipments: Shipment[];
  cancelledLines: CancelledLines[];
  /** The client keys of the line cancels applied: a retry with one changes nothing. */
  cancelKeys: string[];
  returns: OrderReturn[];
  /** Replacement prices asked with each exchange line (return id → sku → unit price). */
  exchangePrices: Record<string, Record<string, number>>;
  cancellation: { reason: string; by: CancelledBy; wasPaid: boolean; at: string } | null;
  /** What the gift card paid of paidAmount: its hold, counted with the order's first payment. */
  giftCardPaid: number;
  refunds: {
    refundId: string;
    amount: number;
    reason: string;
    at: string;
    returnId: string | null;
    to: RefundDestination;
  }[];
  refundedTotal: number;
}

/** The facts after one event, with the three statuses derived afresh from them. */
function withStatuses(s: OrderState): OrderState {
  return { ...s, status: orderStatusOf(s), paymentStatus: paymentStatusOf(s), fulfilmentStatus: fulfilmentStatusOf(s) };
}

function updateReturn(s: OrderState, returnId: string, change: (r: OrderReturn) => OrderReturn): OrderReturn[] {
  return s.returns.map((r) => (r.id === returnId ? change(r) : r));
}

/** Applies one stored fact. Pure: the same events always fold to the same state. */
export function evolve(state: OrderState | null, event: OrderEvent): OrderState {
  const next = apply(state, event);
  return withStatuses(next);
}

function apply(state: OrderState | null, event: OrderEvent): OrderState {
  const at = event.occurredAt;
  if (event.type === "OrderPlaced") {
    return {
      version: event.version,
      status: "PENDING",
      paymentStatus: "AWAITING",
      fulfilmentStatus: "NOT_FULFILLED",
      placed: event.data,
      lines: event.data.lines,
      placedAt: at,
      updatedAt: at,
      reservation: null,
      shortages: [],
      payment: null,
      paidAmount: 0,
      giftCardPaid: 0,
      paidAt: null,
      shipments: [],
      cancelledLines: [],
      cancelKeys: [],
      returns: [],
      exchangePrices: {},
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
        shortages: event.data.shortages,
        cancellation: { reason: describeShortages(event.data.shortages), by: "system", wasPaid: false, at },
      };
    case "PaymentRequested":
      return { ...s, payment: { ...event.data, lastError: null, attempts: 0 } };
    case "PaymentFailed":
      return {
        ...s,
        payment: s.payment && {
          ...s.payment,
          lastError: { code: event.data.code, reason: event.data.reason },
          attempts: s.payment.attempts + 1,
        },
      };
    case "PaymentSucceeded": {
      // A payment that lands on a cancelled order is recorded (and refunded) without reviving it.
      // The order's first payment also counts what its gift card paid (committed then), so paid
      // amount = card + gift card = total; a cancelled order's hold went back to the card instead.
      const giftCardPaid = s.paidAt || s.cancellation ? 0 : (s.placed.giftCard?.amount ?? 0);
      return {
        ...s,
        paidAmount: s.paidAmount + event.data.amount + giftCardPaid,
        giftCardPaid: s.giftCardPaid + giftCardPaid,
        paidAt: at,
        payment: s.payment && { ...s.payment, lastError: null, attempts: s.payment.attempts + 1 },
      };
    }
    case "OrderCancelled":
      return { ...s, cancellation: { ...event.data, at } };
    case "OrderShipped":
      // Before #19 an order shipped whole: one shipment of every unit.
      return {
        ...s,
        shipments: [
          {
            id: `${s.placed.orderId}-1`,
            lines: s.placed.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
            carrier: event.data.carrier,
            trackingNumber: event.data.trackingNumber,
            trackingUrl: null,
            shippedAt: at,
            deliveredAt: null,
            returnableUntil: null,
            exchangeReturnId: null,
          },
        ],
      };
    case "OrderDelivered":
      return {
        ...s,
        shipments: s.shipments.map((x) => (x.deliveredAt ? x : { ...x, deliveredAt: at, returnableUntil: at })),
      };
    case "ShipmentShipped": {
      const d = event.data;
      const shipment: Shipment = {
        id: d.shipmentId,
        lines: d.lines,
        carrier: d.carrier,
        trackingNumber: d.trackingNumber,
        trackingUrl: d.trackingUrl,
        shippedAt: at,
        deliveredAt: null,
        returnableUntil: null,
        exchangeReturnId: d.exchangeReturnId,
      };
      const returns = d.exchangeReturnId
        ? updateReturn(s, d.exchangeReturnId, (r) => ({
            ...r,
            exchange: r.exchange && { ...r.exchange, shipmentId: d.shipmentId },
          }))
        : s.returns;
      return { ...s, shipments: [...s.shipments, shipment], returns };
    }
    case "ShipmentDelivered":
      return {
        ...s,
        shipments: s.shipments.map((x) =>
          x.id === event.data.shipmentId
            ? { ...x, deliveredAt: event.data.deliveredAt ?? at, returnableUntil: event.data.returnableUntil }
            : x,
        ),
      };
    case "LinesCancelled":
      return {
        ...s,
        cancelledLines: [
          ...s.cancelledLines,
          { lines: event.data.lines, reason: event.data.reason, refundAmount: event.data.refundAmount, at },
        ],
        cancelKeys: event.data.idempotencyKey ? [...s.cancelKeys, event.data.idempotencyKey] : s.cancelKeys,
      };
    case "RefundIssued": {
      const refundedTotal = Math.max(s.refundedTotal + event.data.amount, event.data.refundedTotal);
      return {
        ...s,
        refunds: [
          ...s.refunds,
          {
            refundId: event.data.refundId,
            amount: event.data.amount,
            reason: event.data.reason,
            at,
            returnId: event.data.returnId,
            to: event.data.to,
          },
        ],
        refundedTotal,
      };
    }
    case "ReturnRequested": {
      const d = event.data;
      const prices: Record<string, number> = {};
      for (const l of d.lines)
        if (l.exchangeForSku && l.exchangeUnitPrice !== null) prices[l.sku] = l.exchangeUnitPrice;
      const ret: OrderReturn = {
        id: d.returnId,
        number: d.number,
        status: "REQUESTED",
        lines: d.lines.map((l) => ({
          sku: l.sku,
          quantity: l.quantity,
          reason: l.reason,
          exchangeForSku: l.exchangeForSku,
          received: null,
          damaged: null,
        })),
        note: "",
        instructions: null,
        exchange: null,
        refund: null,
        requestedAt: at,
        decidedAt: null,
        receivedAt: null,
        refundedAt: null,
      };
      return { ...s, returns: [...s.returns, ret], exchangePrices: { ...s.exchangePrices, [d.returnId]: prices } };
    }
    case "ReturnApproved": {
      const d = event.data;
      const prices = s.exchangePrices[d.returnId] ?? {};
      return {
        ...s,
        returns: updateReturn(s, d.returnId, (r) => ({
          ...r,
          status: "APPROVED",
          note: d.note,
          instructions: d.instructions,
          decidedAt: at,
          exchange: d.exchange && {
            lines: r.lines
              .filter((l) => l.exchangeForSku !== null)
              .map((l) => ({
                sku: l.sku,
                exchangeForSku: l.exchangeForSku as string,
                quantity: l.quantity,
                unitPrice: prices[l.sku] ?? 0,
              })),
            difference: d.exchange.difference,
            paymentId: d.exchange.paymentId,
            clientSecret: d.exchange.clientSecret,
            paidAt: null,
            shipmentId: null,
          },
        })),
      };
    }
    case "ReturnRejected":
      return {
        ...s,
        returns: updateReturn(s, event.data.returnId, (r) => ({
          ...r,
          status: "REJECTED",
          note: event.data.note,
          decidedAt: at,
        })),
      };
    case "ReturnReceived": {
      const d = event.data;
      return {
        ...s,
        returns: updateReturn(s, d.returnId, (r) => ({
          ...r,
          status: "RECEIVED",
          receivedAt: at,
          lines: r.lines.map((l) => {
            const got = d.lines.find((x) => x.sku === l.sku);
            return { ...l, received: got?.received ?? 0, damaged: got?.damaged ?? 0 };
          }),
          refund: { refundId: null, amount: d.breakdown.total, breakdown: d.breakdown },
        })),
      };
    }
    case "ReturnSettled": {
      const d = event.data;
      return {
        ...s,
        // The refund may have been recorded first from payments' own event: it is this return's.
        refunds: s.refunds.map((r) => (d.refundId && r.refundId === d.refundId ? { ...r, returnId: d.returnId } : r)),
        returns: updateReturn(s, d.returnId, (r) => ({
          ...r,
          status: d.amount > 0 ? "REFUNDED" : "CLOSED",
          refundedAt: d.amount > 0 ? at : null,
          refund: r.refund && { ...r.refund, refundId: d.refundId, amount: d.amount },
        })),
      };
    }
    case "ExchangePaid": {
      const d = event.data;
      return {
        ...s,
        paidAmount: s.paidAmount + d.amount,
        returns: updateReturn(s, d.returnId, (r) => ({
          ...r,
          exchange: r.exchange && { ...r.exchange, paidAt: at },
        })),
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
