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
    /** The return this refund is for (null: a cancellation or a goodwill refund; older events: null). */
    returnId: z.string().nullable().default(null),
  }),
);

// ── Fulfilment and returns (#19) ────────────────────────────────────────────────────────────
// orders.shipped.v1 and orders.delivered.v1 above are no longer published: a shipment carries
// some units, so these per-shipment events replace them (their definitions stay for old events).

/** Units of an order's lines by SKU. */
const unitsSchema = z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() }));
const contact = { ...orderRef, email: z.string().email() };

/**
 * A parcel left: its units, carrier and tracking. With `exchangeReturnId`, it carries the
 * replacement units of that exchange (inventory takes them out of stock naming the return: they
 * were never part of the order's reservation).
 */
export const OrderShipmentShippedEvent = defineEvent(
  "orders.shipment.shipped",
  1,
  z.object({
    ...contact,
    shipmentId: z.string(),
    lines: unitsSchema.min(1),
    carrier: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string().nullable(),
    /** The shipping the shopper chose, for the delivery estimate (null before regions). */
    shippingMethod: shippingMethodSchema.nullable(),
    exchangeReturnId: z.string().nullable(),
    /** Whether every unit of the order has now shipped. */
    complete: z.boolean(),
  }),
);

export const OrderShipmentDeliveredEvent = defineEvent(
  "orders.shipment.delivered",
  1,
  z.object({
    ...contact,
    shipmentId: z.string(),
    lines: unitsSchema.min(1),
    exchangeReturnId: z.string().nullable(),
    /** Until when these units may be returned (UTC ISO). */
    returnableUntil: z.string(),
    /** Whether every unit of the order has now been delivered. */
    complete: z.boolean(),
  }),
);

/**
 * Units cancelled before they shipped: inventory releases them (unpaid: still reserved) or
 * restocks them (paid: committed), as for orders.cancelled.
 */
export const OrderLinesCancelledEvent = defineEvent(
  "orders.lines.cancelled",
  1,
  z.object({
    ...contact,
    lines: unitsSchema.min(1),
    reason: z.string(),
    wasPaid: z.boolean(),
    /** What went back for them (minor units, the order's currency). */
    refundAmount: minorUnitsSchema,
    currency: z.string(),
  }),
);

const returnLineSchema = z.object({
  sku: z.string(),
  quantity: z.number().int().positive(),
  /** A code of the orders contract's RETURN_REASONS (its label is there too). */
  reason: z.string(),
  exchangeForSku: z.string().nullable(),
});
const returnFacts = {
  ...contact,
  returnId: z.string(),
  /** `R-<order number>-<n>`. */
  returnNumber: z.string(),
  lines: z.array(returnLineSchema).min(1),
  /** Staff's note ("" when none). */
  note: z.string(),
  /** What the shopper does next (where to send the parcel...); null when nothing. */
  instructions: z.string().nullable(),
};

export const OrderReturnRequestedEvent = defineEvent("orders.return.requested", 1, z.object(returnFacts));
export const OrderReturnApprovedEvent = defineEvent(
  "orders.return.approved",
  1,
  z.object({
    ...returnFacts,
    /** An exchange's price difference the shopper pays (> 0) or gets back (< 0); null: no exchange. */
    exchangeDifference: z.number().int().nullable(),
    currency: z.string(),
  }),
);
export const OrderReturnRejectedEvent = defineEvent("orders.return.rejected", 1, z.object(returnFacts));

/**
 * The parcel arrived: per line, units received and of those damaged. Inventory puts the
 * undamaged ones (received − damaged) back on hand with ledger entries naming the return.
 */
export const OrderReturnReceivedEvent = defineEvent(
  "orders.return.received",
  1,
  z.object({
    ...contact,
    returnId: z.string(),
    returnNumber: z.string(),
    lines: z
      .array(
        z.object({
          sku: z.string(),
          quantity: z.number().int().positive(),
          received: z.number().int().min(0),
          damaged: z.number().int().min(0),
          exchangeForSku: z.string().nullable(),
        }),
      )
      .min(1),
  }),
);

/** Money went back for a return (orders.refunded is published for the same refund, with its returnId). */
export const OrderReturnRefundedEvent = defineEvent(
  "orders.return.refunded",
  1,
  z.object({
    ...contact,
    returnId: z.string(),
    returnNumber: z.string(),
    refundId: z.string(),
    amount: minorUnitsSchema,
    currency: z.string(),
  }),
);

/**
 * A shopper asked for a fresh link to their order (#21, the order lookup matched its number and
 * email). It names the order only: notifications asks orders for the signed link over
 * `orders.internal.accessLink` (the bus never carries a link or token) and mails it.
 */
export const OrderAccessLinkRequestedEvent = defineEvent(
  "orders.access_link.requested",
  1,
  z.object({ orderId: z.string() }),
);
