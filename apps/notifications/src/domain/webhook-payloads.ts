/**
 * From our events to the integrators' (#24), pure: each platform event an integrator may hear
 * of becomes one webhook type with its versioned payload (contract-webhooks.ts), or nothing
 * (a shipment that leaves units behind is not yet `order.fulfilled`). Internal fields (seller
 * ids, causation) stay out; what is mapped is documented in docs/WEBHOOKS.md.
 */
import type {
  EventOf,
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  OrderShipmentShippedEvent,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  StockLow,
  UserRegistered,
} from "@mercato/events";
import {
  WEBHOOK_PAYLOAD_VERSION,
  type WebhookBody,
  type WebhookMessageType,
  type WebhookPayloadData,
} from "../contract-webhooks.ts";

export interface MappedWebhook<T extends WebhookMessageType = WebhookMessageType> {
  type: T;
  data: WebhookPayloadData<T>;
}

type Order = EventOf<typeof OrderPlacedEvent>["data"] | EventOf<typeof OrderPaidEvent>["data"];

function orderSnapshot(o: Order): WebhookPayloadData<"order.placed"> {
  return {
    orderId: o.orderId,
    number: o.number,
    email: o.email,
    customerId: o.userId,
    lines: o.lines.map(({ sku, productId, title, quantity, unitPrice }) => ({
      sku,
      productId,
      title,
      quantity,
      unitPrice,
    })),
    totals: o.totals,
    discountCode: o.discountCode,
    shippingAddress: o.shippingAddress,
    regionId: o.regionId,
  };
}

type Product =
  | EventOf<typeof ProductCreated>["data"]
  | EventOf<typeof ProductUpdated>["data"]
  | EventOf<typeof ProductArchived>["data"];

function productSnapshot(p: Product): WebhookPayloadData<"product.created"> {
  return {
    productId: p.productId,
    slug: p.slug,
    title: p.title,
    status: p.status,
    categoryIds: p.categoryIds,
    brand: p.brand,
    variants: p.variants,
  };
}

export const mapOrderPlaced = (e: EventOf<typeof OrderPlacedEvent>): MappedWebhook<"order.placed"> => ({
  type: "order.placed",
  data: orderSnapshot(e.data),
});
export const mapOrderPaid = (e: EventOf<typeof OrderPaidEvent>): MappedWebhook<"order.paid"> => ({
  type: "order.paid",
  data: orderSnapshot(e.data),
});
/** Fulfilled = every unit shipped: the shipment that completes the order (exchange parcels do not count). */
export const mapShipmentShipped = (
  e: EventOf<typeof OrderShipmentShippedEvent>,
): MappedWebhook<"order.fulfilled"> | null =>
  e.data.complete && e.data.exchangeReturnId === null
    ? {
        type: "order.fulfilled",
        data: {
          orderId: e.data.orderId,
          number: e.data.number,
          email: e.data.email,
          shipmentId: e.data.shipmentId,
          carrier: e.data.carrier,
          trackingNumber: e.data.trackingNumber,
          trackingUrl: e.data.trackingUrl,
        },
      }
    : null;
export const mapOrderCancelled = (e: EventOf<typeof OrderCancelledEvent>): MappedWebhook<"order.cancelled"> => ({
  type: "order.cancelled",
  data: {
    orderId: e.data.orderId,
    number: e.data.number,
    email: e.data.email,
    reason: e.data.reason,
    wasPaid: e.data.wasPaid,
  },
});
export const mapOrderRefunded = (e: EventOf<typeof OrderRefundedEvent>): MappedWebhook<"order.refunded"> => ({
  type: "order.refunded",
  data: {
    orderId: e.data.orderId,
    number: e.data.number,
    email: e.data.email,
    amount: e.data.amount,
    currency: e.data.currency,
    full: e.data.full,
    returnId: e.data.returnId,
  },
});
export const mapProductCreated = (e: EventOf<typeof ProductCreated>): MappedWebhook<"product.created"> => ({
  type: "product.created",
  data: productSnapshot(e.data),
});
export const mapProductUpdated = (e: EventOf<typeof ProductUpdated>): MappedWebhook<"product.updated"> => ({
  type: "product.updated",
  data: productSnapshot(e.data),
});
export const mapProductArchived = (e: EventOf<typeof ProductArchived>): MappedWebhook<"product.archived"> => ({
  type: "product.archived",
  data: productSnapshot(e.data),
});
export const mapStockLow = (e: EventOf<typeof StockLow>): MappedWebhook<"stock.low"> => ({
  type: "stock.low",
  data: { sku: e.data.sku, available: e.data.available, threshold: e.data.threshold },
});
/** Customers only: a staff member's account (an accepted invitation) is not a customer for an integrator's CRM. */
export const mapUserRegistered = (e: EventOf<typeof UserRegistered>): MappedWebhook<"customer.created"> | null =>
  e.data.role === "customer"
    ? { type: "customer.created", data: { customerId: e.data.userId, email: e.data.email, name: e.data.name } }
    : null;

/** The body sent for a mapped event: built once, stored, and sent byte for byte on every attempt. */
export function webhookBody(m: MappedWebhook, occurredAt: string): string {
  const body: WebhookBody = {
    type: m.type,
    version: WEBHOOK_PAYLOAD_VERSION,
    timestamp: occurredAt,
    data: m.data as Record<string, unknown>,
  };
  return JSON.stringify(body);
}
