import {
  createEvent,
  type Envelope,
  OrderCancelledEvent,
  OrderLinesCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  OrderReturnApprovedEvent,
  OrderReturnReceivedEvent,
  OrderReturnRefundedEvent,
  OrderReturnRejectedEvent,
  OrderReturnRequestedEvent,
  OrderShipmentDeliveredEvent,
  OrderShipmentShippedEvent,
} from "@mercato/events";
import { type OrderShippingMethod, unshippedLines } from "../contract.ts";
import type { OrderEvent } from "../domain/events.ts";
import { describeShortages, type OrderState } from "../domain/order.ts";

/**
 * Who bought what, where to, priced in which region and shipped how: what orders.placed and
 * orders.paid both announce (the confirmation email shows the tax lines and shipping method).
 */
function whatWasBought(p: OrderState["placed"], lines: OrderLineAnnounced[]) {
  return {
    userId: p.userId,
    email: p.email,
    lines,
    totals: p.totals,
    discountCode: p.discountCode,
    shippingAddress: p.shippingAddress,
    ...howItShips(p),
  };
}

/**
 * The region and shipping method. Spread in, so an event schema that does not declare them yet
 * (orders.paid and orders.shipped gain them in the same change, #18) drops them when parsing
 * instead of refusing the event; once it declares them, they are carried.
 */
function howItShips(p: OrderState["placed"]): { regionId: string | null; shippingMethod: OrderShippingMethod | null } {
  return { regionId: p.regionId, shippingMethod: p.shippingMethod };
}

type OrderLineAnnounced = Pick<
  OrderState["placed"]["lines"][number],
  "sku" | "productId" | "title" | "quantity" | "unitPrice" | "kind"
>;

/**
 * The integration events (what other services consume) that newly appended facts announce.
 * Internal steps (stock reserved, payment requested or failed) announce nothing: inventory and
 * payments already know them.
 */
export function integrationEvents(
  after: OrderState,
  appended: readonly OrderEvent[],
  meta: { correlationId?: string; causationId?: string },
): Envelope[] {
  const p = after.placed;
  const ref = { orderId: p.orderId, number: p.number };
  const opts = { key: p.orderId, correlationId: meta.correlationId, causationId: meta.causationId };
  const lines = p.lines.map((l) => ({
    sku: l.sku,
    productId: l.productId,
    title: l.title,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    sellerId: l.sellerId ?? null,
    // Inventory reserves and commits no stock for a gift card (#27); the recipient stays here.
    ...(l.kind === "gift_card" ? { kind: l.kind } : {}),
  }));
  const out: Envelope[] = [];
  for (const e of appended) {
    switch (e.type) {
      case "OrderPlaced":
        out.push(createEvent(OrderPlacedEvent, { ...ref, ...whatWasBought(p, lines), cartId: p.cartId }, opts));
        break;
      case "StockRejected":
        out.push(
          createEvent(
            OrderCancelledEvent,
            { ...ref, email: p.email, reason: describeShortages(e.data.shortages), wasPaid: false },
            opts,
          ),
        );
        break;
      case "PaymentSucceeded":
        if (!after.cancellation) {
          out.push(createEvent(OrderPaidEvent, { ...ref, ...whatWasBought(p, lines) }, opts));
        }
        break;
      case "OrderCancelled":
        out.push(createEvent(OrderCancelledEvent, { ...ref, email: p.email, ...pick(e.data) }, opts));
        break;
      case "ShipmentShipped":
        out.push(
          createEvent(
            OrderShipmentShippedEvent,
            {
              ...ref,
              email: p.email,
              ...e.data,
              ...shippedWith(p),
              complete: unshippedLines(after).length === 0,
            },
            opts,
          ),
        );
        break;
      case "ShipmentDelivered": {
        const shipment = after.shipments.find((s) => s.id === e.data.shipmentId);
        if (!shipment) break;
        out.push(
          createEvent(
            OrderShipmentDeliveredEvent,
            {
              ...ref,
              email: p.email,
              shipmentId: shipment.id,
              lines: shipment.lines,
              exchangeReturnId: shipment.exchangeReturnId,
              returnableUntil: e.data.returnableUntil,
              complete: after.status === "COMPLETED",
            },
            opts,
          ),
        );
        break;
      }
      case "LinesCancelled":
        out.push(
          createEvent(
            OrderLinesCancelledEvent,
            {
              ...ref,
              email: p.email,
              lines: e.data.lines,
              reason: e.data.reason,
              wasPaid: after.paidAmount > 0,
              refundAmount: e.data.refundAmount,
              currency: p.totals.currency,
            },
            opts,
          ),
        );
        break;
      case "ReturnRequested":
      case "ReturnApproved":
      case "ReturnRejected": {
        const ret = after.returns.find((r) => r.id === e.data.returnId);
        if (!ret) break;
        const facts = {
          ...ref,
          email: p.email,
          returnId: ret.id,
          returnNumber: ret.number,
          lines: ret.lines.map((l) => ({
            sku: l.sku,
            quantity: l.quantity,
            reason: l.reason,
            exchangeForSku: l.exchangeForSku,
          })),
          note: ret.note,
          instructions: ret.instructions,
        };
        if (e.type === "ReturnRequested") out.push(createEvent(OrderReturnRequestedEvent, facts, opts));
        else if (e.type === "ReturnRejected") out.push(createEvent(OrderReturnRejectedEvent, facts, opts));
        else {
          out.push(
            createEvent(
              OrderReturnApprovedEvent,
              { ...facts, exchangeDifference: ret.exchange?.difference ?? null, currency: p.totals.currency },
              opts,
            ),
          );
        }
        break;
      }
      case "ReturnReceived": {
        const ret = after.returns.find((r) => r.id === e.data.returnId);
        if (!ret) break;
        out.push(
          createEvent(
            OrderReturnReceivedEvent,
            {
              ...ref,
              email: p.email,
              returnId: ret.id,
              returnNumber: ret.number,
              lines: ret.lines.map((l) => ({
                sku: l.sku,
                quantity: l.quantity,
                received: l.received ?? 0,
                damaged: l.damaged ?? 0,
                exchangeForSku: l.exchangeForSku,
              })),
            },
            opts,
          ),
        );
        break;
      }
      case "ReturnSettled": {
        const ret = after.returns.find((r) => r.id === e.data.returnId);
        if (!ret || e.data.amount <= 0 || !e.data.refundId) break;
        out.push(
          createEvent(
            OrderReturnRefundedEvent,
            {
              ...ref,
              email: p.email,
              returnId: ret.id,
              returnNumber: ret.number,
              refundId: e.data.refundId,
              amount: e.data.amount,
              currency: p.totals.currency,
            },
            opts,
          ),
        );
        break;
      }
      case "RefundIssued":
        out.push(
          createEvent(
            OrderRefundedEvent,
            {
              ...ref,
              email: p.email,
              amount: e.data.amount,
              currency: p.totals.currency,
              full: e.data.refundedTotal >= after.paidAmount,
              returnId: e.data.returnId,
            },
            opts,
          ),
        );
        break;
      default:
        break;
    }
  }
  return out;
}

function pick(data: { reason: string; wasPaid: boolean }) {
  return { reason: data.reason, wasPaid: data.wasPaid };
}

/** The shipping method orders.shipped announces, for the delivery estimate (spread in, as above). */
function shippedWith(p: OrderState["placed"]): { shippingMethod: OrderShippingMethod | null } {
  return { shippingMethod: p.shippingMethod };
}
