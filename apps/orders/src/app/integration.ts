import {
  createEvent,
  type Envelope,
  OrderCancelledEvent,
  OrderDeliveredEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  OrderShippedEvent,
} from "@mercato/events";
import type { OrderShippingMethod } from "../contract.ts";
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
  "sku" | "productId" | "title" | "quantity" | "unitPrice"
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
        if (after.status === "PAID") {
          out.push(createEvent(OrderPaidEvent, { ...ref, ...whatWasBought(p, lines) }, opts));
        }
        break;
      case "OrderCancelled":
        out.push(createEvent(OrderCancelledEvent, { ...ref, email: p.email, ...pick(e.data) }, opts));
        break;
      case "OrderShipped":
        out.push(createEvent(OrderShippedEvent, { ...ref, email: p.email, ...e.data, ...shippedWith(p) }, opts));
        break;
      case "OrderDelivered":
        out.push(createEvent(OrderDeliveredEvent, { ...ref, email: p.email }, opts));
        break;
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
