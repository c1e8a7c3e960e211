import { z } from "zod";
import {
  addressSchema,
  cancelledBySchema,
  orderGiftCardSchema,
  orderLineSchema,
  orderTotalsSchema,
  refundBreakdownSchema,
  refundDestinationSchema,
  returnReasonSchema,
  shippingMethodSchema,
  shortageSchema,
} from "../contract.ts";

const units = z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() }));

/**
 * The order's own history: the facts its event store keeps, one row each. These are private to
 * the orders service (the integration events in @mercato/events are what others see), so they
 * can carry what only orders needs (the access-token hash, the client secret).
 */
export const orderPlacedData = z.object({
  orderId: z.string(),
  number: z.string(),
  userId: z.string().nullable(),
  email: z.string(),
  cartId: z.string().nullable(),
  lines: z.array(orderLineSchema).min(1),
  /** The region it was priced in. Orders placed before regions have none (null when replayed). */
  regionId: z.string().nullable().default(null),
  /** Totals default `taxInclusive: false` and no tax lines for those older orders. */
  totals: orderTotalsSchema,
  shippingMethod: shippingMethodSchema.nullable().default(null),
  discountCode: z.string().nullable(),
  /** Held on the card at checkout (#27); orders placed before gift cards have none. */
  giftCard: orderGiftCardSchema.nullable().default(null),
  shippingAddress: addressSchema,
  billingAddress: addressSchema,
  /** sha-256 of the guest access token; the token itself is never stored. */
  accessTokenHash: z.string(),
  /** The saved payment method chosen at checkout (payments pays with it when the intent is made). */
  paymentMethodId: z.string().optional(),
});
export type OrderPlacedData = z.infer<typeof orderPlacedData>;

export const domainEventSchemas = {
  OrderPlaced: orderPlacedData,
  StockReserved: z.object({ reservationId: z.string(), expiresAt: z.string() }),
  StockRejected: z.object({ shortages: z.array(shortageSchema).min(1) }),
  PaymentRequested: z.object({
    paymentId: z.string(),
    provider: z.string(),
    clientSecret: z.string().nullable(),
  }),
  PaymentSucceeded: z.object({ paymentId: z.string(), amount: z.number().int(), currency: z.string() }),
  PaymentFailed: z.object({ paymentId: z.string(), code: z.string(), reason: z.string() }),
  OrderCancelled: z.object({ reason: z.string(), by: cancelledBySchema, wasPaid: z.boolean() }),
  /** Before #19 an order shipped whole: replayed as one shipment of every unit (id `<orderId>-1`). */
  OrderShipped: z.object({ carrier: z.string(), trackingNumber: z.string() }),
  /** Before #19: that one shipment arrived. */
  OrderDelivered: z.object({}),
  RefundIssued: z.object({
    refundId: z.string(),
    amount: z.number().int(),
    /** What payments says has been refunded in all, so the order never double counts. */
    refundedTotal: z.number().int(),
    reason: z.string(),
    /** The return it refunds (older events: null). */
    returnId: z.string().nullable().default(null),
    /** Back to the card payment or onto the order's gift card (events before the split: the card). */
    to: refundDestinationSchema.default("card"),
  }),
  ShipmentShipped: z.object({
    shipmentId: z.string(),
    lines: units.min(1),
    carrier: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string().nullable(),
    exchangeReturnId: z.string().nullable(),
  }),
  ShipmentDelivered: z.object({
    shipmentId: z.string(),
    /** When it arrived, when staff recorded it late (else when the event happened). */
    deliveredAt: z.string().nullable().default(null),
    /** Delivery + the return window in force then: a later policy change does not rewrite it. */
    returnableUntil: z.string(),
  }),
  LinesCancelled: z.object({
    lines: units.min(1),
    reason: z.string(),
    refundAmount: z.number().int(),
    /** The client's key for this cancel (a retry with it changes nothing). */
    idempotencyKey: z.string().optional(),
  }),
  ReturnRequested: z.object({
    returnId: z.string(),
    number: z.string(),
    lines: z
      .array(
        z.object({
          sku: z.string(),
          quantity: z.number().int().positive(),
          reason: returnReasonSchema,
          exchangeForSku: z.string().nullable(),
          /** The replacement's price in the order's currency when asked (exchanges only). */
          exchangeUnitPrice: z.number().int().nullable(),
        }),
      )
      .min(1),
  }),
  ReturnApproved: z.object({
    returnId: z.string(),
    note: z.string(),
    instructions: z.string(),
    /** The exchange's price difference (> 0 the shopper pays it) and the payment asked for it. */
    exchange: z
      .object({ difference: z.number().int(), paymentId: z.string().nullable(), clientSecret: z.string().nullable() })
      .nullable(),
  }),
  ReturnRejected: z.object({ returnId: z.string(), note: z.string() }),
  ReturnReceived: z.object({
    returnId: z.string(),
    lines: z.array(z.object({ sku: z.string(), received: z.number().int(), damaged: z.number().int() })).min(1),
    /** What is due back, worked out by the domain when the parcel arrived. */
    breakdown: refundBreakdownSchema,
  }),
  /** The return is settled: `amount` went back (REFUNDED) or nothing was due (CLOSED). */
  ReturnSettled: z.object({ returnId: z.string(), refundId: z.string().nullable(), amount: z.number().int() }),
  ExchangePaid: z.object({ returnId: z.string(), paymentId: z.string(), amount: z.number().int() }),
} as const;

export type DomainEventType = keyof typeof domainEventSchemas;
export const DOMAIN_EVENT_TYPES = Object.keys(domainEventSchemas) as DomainEventType[];

/** A new fact, before it has a version. */
export type NewOrderEvent = {
  [K in DomainEventType]: { type: K; data: z.infer<(typeof domainEventSchemas)[K]> };
}[DomainEventType];

/** A fact as stored: with its place in the order's stream and when it happened (UTC ISO). */
export type OrderEvent = NewOrderEvent & { version: number; occurredAt: string };

/** Parses a stored row back into a typed event; a row that fails its schema is a bug worth a loud error. */
export function parseOrderEvent(row: { type: string; data: unknown; version: number; occurredAt: string }): OrderEvent {
  if (!(row.type in domainEventSchemas)) throw new Error(`order event type ${row.type} is unknown`);
  const type = row.type as DomainEventType;
  const data = domainEventSchemas[type].parse(row.data);
  return { type, data, version: row.version, occurredAt: row.occurredAt } as OrderEvent;
}
