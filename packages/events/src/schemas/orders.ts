import { minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { addressSchema, orderLineSchema, shippingMethodSchema, totalsSchema } from "./common.ts";

const orderRef = { orderId: z.string(), number: z.string() };

export const OrderPlacedEvent = defineEvent(
  "orders.placed",
  1,
  z.object({
    ...orderRef,
    userId: z.string().nullable(),
    email: z.string().email(),
    cartId: z.string().nullable(),
    lines: z.array(orderLineSchema).min(1),
    totals: totalsSchema,
    discountCode: z.string().nullable(),
    shippingAddress: addressSchema,
    /** The region the order was priced in, and the shipping chosen (older events: null). */
    regionId: z.string().nullable().default(null),
    shippingMethod: shippingMethodSchema.nullable().default(null),
  }),
);
export const OrderPaidEvent = defineEvent(
  "orders.paid",
  1,
  z.object({
    ...orderRef,
    userId: z.string().nullable(),
    email: z.string().email(),
    lines: z.array(orderLineSchema).min(1),
    totals: totalsSchema,
    discountCode: z.string().nullable(),
    shippingAddress: addressSchema,
    /** As on orders.placed, so the confirmation email can show them (older events: null). */
    regionId: z.string().nullable().default(null),
    shippingMethod: shippingMethodSchema.nullable().default(null),
  }),
);
export const OrderCancelledEvent = defineEvent(
  "orders.cancelled",
  1,
  z.object({
    ...orderRef,
    email: z.string().email(),
    reason: z.string(),
    /** Whether stock had been committed (paid order): inventory restocks instead of releasing. */
    wasPaid: z.boolean(),
  }),
);
export const OrderShippedEvent = defineEvent(
  "orders.shipped",
  1,
  z.object({
    ...orderRef,
    email: z.string().email(),
    carrier: z.string(),
    trackingNumber: z.string(),
    /** The shipping the shopper chose, for the delivery estimate (older events: null). */
    shippingMethod: shippingMethodSchema.nullable().default(null),
  }),
);
export const OrderDeliveredEvent = defineEvent(
  "orders.delivered",
  1,
  z.object({ ...orderRef, email: z.string().email() }),
);
export const OrderRefundedEvent = defineEvent(
  "orders.refunded",
  1,
  z.object({
    ...orderRef,
    email: z.string().email(),
    amount: minorUnitsSchema,
    currency: z.string(),
    full: z.boolean(),
  }),
);
