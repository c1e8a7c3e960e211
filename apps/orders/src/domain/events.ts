import { z } from "zod";
import {
  addressSchema,
  cancelledBySchema,
  orderLineSchema,
  orderTotalsSchema,
  shippingMethodSchema,
  shortageSchema,
} from "../contract.ts";

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
  OrderShipped: z.object({ carrier: z.string(), trackingNumber: z.string() }),
  OrderDelivered: z.object({}),
  RefundIssued: z.object({
    refundId: z.string(),
    amount: z.number().int(),
    /** What payments says has been refunded in all, so the order never double counts. */
    refundedTotal: z.number().int(),
    reason: z.string(),
  }),
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
