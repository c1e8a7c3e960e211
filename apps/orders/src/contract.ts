/**
 * The orders service's contract: what its procedures accept and answer, the statuses an order
 * goes through, and which commands an order's facts allow. Pure (zod, @mercato/pricing, the
 * event shapes of @mercato/events/schemas and payments' gift-card code rule only),
 * so the router validates with it, the domain's state machine decides with it, and the web app
 * enables its buttons with it: the three cannot disagree.
 */
import {
  addressSchema,
  orderLineSchema as announcedLineSchema,
  totalsSchema as orderTotalsSchema,
  type ProductKind,
  shippingMethodSchema,
} from "@mercato/events/schemas";
import { giftCardCode, giftCardLineSchema } from "@mercato/payments/contract";
import { currencySchema, minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";

// ── Statuses ────────────────────────────────────────────────────────────────────────────────
// Three facts, three statuses, each derived from the order's events by the domain's deciders
// (domain/status.ts): where the order is in its life, where its money is, where its goods are.

/**
 * Where an order is in its life: PENDING until it is paid (stock being checked, payment awaited),
 * PLACED once paid, COMPLETED when every unit still ordered has been delivered, CANCELLED when the
 * whole order was called off (or every line of it was cancelled).
 */
export const ORDER_STATUSES = ["PENDING", "PLACED", "COMPLETED", "CANCELLED"] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Where the order's money is: nothing taken yet, taken, part of it given back, all of it given back. */
export const PAYMENT_STATUSES = ["AWAITING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED"] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/**
 * Where the order's goods are, counted in units of its lines (cancelled units left out; exchange
 * units, which ship in their own shipments, do not count): none shipped, some, all; some
 * delivered, all; some received back from the shopper, all.
 */
export const FULFILMENT_STATUSES = [
  "NOT_FULFILLED",
  "PARTIALLY_FULFILLED",
  "FULFILLED",
  "PARTIALLY_DELIVERED",
  "DELIVERED",
  "PARTIALLY_RETURNED",
  "RETURNED",
] as const;
export const fulfilmentStatusSchema = z.enum(FULFILMENT_STATUSES);
export type FulfilmentStatus = z.infer<typeof fulfilmentStatusSchema>;

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}
export function isPaymentStatus(value: string): value is PaymentStatus {
  return (PAYMENT_STATUSES as readonly string[]).includes(value);
}
export function isFulfilmentStatus(value: string): value is FulfilmentStatus {
  return (FULFILMENT_STATUSES as readonly string[]).includes(value);
}

/** Labels for screens and emails (the web shows these, never its own copy of the lists). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING: "Pending",
  PLACED: "Placed",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
};
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  AWAITING: "Awaiting payment",
  PAID: "Paid",
  PARTIALLY_REFUNDED: "Partially refunded",
  REFUNDED: "Refunded",
};
export const FULFILMENT_STATUS_LABELS: Record<FulfilmentStatus, string> = {
  NOT_FULFILLED: "Not shipped",
  PARTIALLY_FULFILLED: "Partially shipped",
  FULFILLED: "Shipped",
  PARTIALLY_DELIVERED: "Partially delivered",
  DELIVERED: "Delivered",
  PARTIALLY_RETURNED: "Partially returned",
  RETURNED: "Returned",
};

// ── Returns ─────────────────────────────────────────────────────────────────────────────────
/**
 * A return (RMA) goes REQUESTED → APPROVED → RECEIVED → REFUNDED (money went back) or CLOSED
 * (nothing to refund: an even exchange, or one whose difference the shopper paid); REQUESTED →
 * REJECTED ends it.
 */
export const RETURN_STATUSES = ["REQUESTED", "APPROVED", "REJECTED", "RECEIVED", "REFUNDED", "CLOSED"] as const;
export const returnStatusSchema = z.enum(RETURN_STATUSES);
export type ReturnStatus = z.infer<typeof returnStatusSchema>;
export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  REQUESTED: "Requested",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  RECEIVED: "Received",
  REFUNDED: "Refunded",
  CLOSED: "Closed",
};
/** Returns still waiting for the shop to act (the returns queue's default). */
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = ["REQUESTED", "APPROVED"];

/** Why a line comes back: a fixed list (never free text: it is shown and mailed). */
export const RETURN_REASONS = [
  "damaged",
  "wrong_item",
  "not_as_described",
  "doesnt_fit",
  "changed_mind",
  "other",
] as const;
export const returnReasonSchema = z.enum(RETURN_REASONS);
export type ReturnReason = z.infer<typeof returnReasonSchema>;
export const RETURN_REASON_LABELS: Record<ReturnReason, string> = {
  damaged: "It arrived damaged",
  wrong_item: "I received the wrong item",
  not_as_described: "It is not as described",
  doesnt_fit: "It doesn't fit",
  changed_mind: "I changed my mind",
  other: "Another reason",
};

/** Return numbers: `R-<order number>-<n>`, n counting the order's returns from 1. */
export function formatReturnNumber(orderNumber: string, n: number): string {
  return `R-${orderNumber}-${n}`;
}

export type { ProductKind };
// ── Shapes an order is made of ──────────────────────────────────────────────────────────────
// The address, totals (with tax lines) and shipping method are exactly what orders.placed.v1
// carries: one definition for both.
export { addressSchema, orderTotalsSchema, shippingMethodSchema };
export type Address = z.infer<typeof addressSchema>;
export type OrderTotals = z.infer<typeof orderTotalsSchema>;
export type OrderShippingMethod = z.infer<typeof shippingMethodSchema>;

/** A line as the order keeps it: the announced line plus the catalog's picture and options then. */
export const orderLineSchema = announcedLineSchema.extend({
  image: z.object({ url: z.string(), alt: z.string() }).nullable().default(null),
  options: z.record(z.string(), z.string()).default({}),
  /**
   * Who a gift-card line's cards go to (#27), and the shopper's own amount when they chose one
   * (then `unitPrice` is that amount): each unit paid issues one card to them. Kept by
   * orders only; the announced line says `kind: "gift_card"` without the recipient. Goods: absent.
   */
  giftCard: giftCardLineSchema.optional(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const shortageSchema = z.object({ sku: z.string(), requested: z.number().int(), available: z.number().int() });
export type Shortage = z.infer<typeof shortageSchema>;

export const cancelledBySchema = z.enum(["shopper", "admin", "system"]);
export type CancelledBy = z.infer<typeof cancelledBySchema>;

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────
export const orderIdInput = z.string().min(1).max(64);
/** A guest's proof of access, returned by checkout. */
export const accessTokenInput = z.string().min(16).max(200).optional();
/** An admin's reason for cancelling (staff text). */
export const cancelReason = z.string().trim().min(1).max(500);

/**
 * Why a shopper cancels: a fixed list, so nothing a shopper types is ever stored in an order or
 * mailed (a free-text reason let anyone send any text, links included, from the shop's own
 * address). The order and its event carry the code; screens and emails show its label
 * (`cancelReasonLabel`).
 */
export const SHOPPER_CANCEL_REASONS = [
  "changed_mind",
  "ordered_by_mistake",
  "found_cheaper",
  "delivery_too_slow",
  "other",
] as const;
export type ShopperCancelReason = (typeof SHOPPER_CANCEL_REASONS)[number];
export const SHOPPER_CANCEL_REASON_LABELS: Record<ShopperCancelReason, string> = {
  changed_mind: "I changed my mind",
  ordered_by_mistake: "I ordered by mistake",
  found_cheaper: "I found it cheaper elsewhere",
  delivery_too_slow: "Delivery would take too long",
  other: "Another reason",
};

/** The label of a shopper's reason code; an admin's or the system's reason (staff text) as it is. */
export function cancelReasonLabel(reason: string): string {
  return (SHOPPER_CANCEL_REASONS as readonly string[]).includes(reason)
    ? SHOPPER_CANCEL_REASON_LABELS[reason as ShopperCancelReason]
    : reason;
}

export const checkoutInput = z.object({
  cartToken: z.string().min(1).max(200).optional(),
  email: z.email().max(254),
  shippingAddress: addressSchema,
  billingAddress: addressSchema.optional(),
  /** One of the cart's region's shipping options; absent: the cart's choice, else the region's default. */
  shippingOptionId: z.string().min(1).max(64).optional(),
  /** One of the signed-in shopper's saved payment methods (payments): the order is paid with it, no card typed. */
  paymentMethodId: z.string().trim().min(1).max(200).optional(),
  /** A gift card's code (#27): payments holds up to the total on it; the card pays the rest. */
  giftCardCode: giftCardCode.optional(),
  /** Generated by the client once per checkout attempt and re-sent on every retry of it. */
  idempotencyKey: z.string().min(8).max(200),
});
export type CheckoutInput = z.infer<typeof checkoutInput>;

const pageShape = {
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
};
/** A shopper's own orders, newest first. */
export const myOrdersInput = z.object(pageShape);
export type MyOrdersInput = z.infer<typeof myOrdersInput>;

export const adminListInput = z.object({
  status: orderStatusSchema.optional(),
  paymentStatus: paymentStatusSchema.optional(),
  fulfilmentStatus: fulfilmentStatusSchema.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** A customer's email address (exact, any case). */
  customer: z.string().min(1).max(254).optional(),
  /** Text within the order number or the email. */
  q: z.string().min(1).max(100).optional(),
  ...pageShape,
});
export type AdminListInput = z.infer<typeof adminListInput>;

/** One order, by id (admin and internal callers). */
export const orderRefInput = z.object({ orderId: orderIdInput });
export type OrderRefInput = z.infer<typeof orderRefInput>;

/**
 * Where a guest's order access token travels: a request header, never a URL (access logs and
 * Referer keep URLs). Its value is the bare token, or `<orderId>=<token>` entries joined by
 * commas (the storefront's proxy sends every order cookie of the browser; the order asked for
 * picks its own). Checkout answers the new token in this response header as `<orderId>=<token>`
 * too (the proxy turns it into an HttpOnly cookie), besides the body. Mutations (cancel) still
 * accept `accessToken` in their POST body; the body wins.
 */
export const ORDER_TOKEN_HEADER = "x-order-token";

/** The token for `orderId` in an `x-order-token` header value (see ORDER_TOKEN_HEADER). */
export function orderTokenIn(header: string | null | undefined, orderId: string): string | undefined {
  for (const entry of (header ?? "").split(",")) {
    const trimmed = entry.trim();
    const eq = trimmed.indexOf("=");
    if (eq < 0) {
      if (trimmed) return trimmed;
      continue;
    }
    if (trimmed.slice(0, eq) === orderId) return trimmed.slice(eq + 1) || undefined;
  }
  return undefined;
}

/** Reads (queries, subscriptions) put their input in the URL: a token there is refused. */
const tokenNotInUrl = z
  .undefined({ error: `the access token travels in the ${ORDER_TOKEN_HEADER} header, never in the URL` })
  .optional();

/** One order as a shopper asks for it: signed in as its owner, or with its access token (header). */
export const shopperOrderInput = z.object({ orderId: orderIdInput, accessToken: tokenNotInUrl });
/** What the use cases get: the router has taken the token from the header (or a mutation's body). */
export type ShopperOrderInput = { orderId: string; accessToken?: string | undefined };

/** A shopper picks a reason from the fixed list (never free text: it is shown and mailed). */
export const shopperCancelInput = z.object({
  orderId: orderIdInput,
  accessToken: accessTokenInput,
  reason: z.enum(SHOPPER_CANCEL_REASONS),
});
export type ShopperCancelInput = z.infer<typeof shopperCancelInput>;

export const onStatusInput = shopperOrderInput.extend({ lastEventId: z.string().regex(/^\d+$/).nullish() });
export type OnStatusInput = ShopperOrderInput & { lastEventId?: string | null | undefined };

/** Lines of an order by SKU and a number of units (a shipment's, a cancellation's). */
export const lineQuantitySchema = z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().positive() });
export type LineQuantity = z.infer<typeof lineQuantitySchema>;
const lineQuantities = z.array(lineQuantitySchema).min(1).max(100);

/** A tracking link: http(s) only (it is shown as a link and mailed). */
export const trackingUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(500)
  .nullish()
  .transform((v) => v ?? null);

/**
 * Ships some units (`lines`) or, without `lines`, every unit not shipped yet. With
 * `exchangeReturnId`, ships the replacement units of that (received) exchange instead; `lines`
 * must then be absent.
 */
export const shipInput = z.object({
  orderId: orderIdInput,
  lines: lineQuantities.optional(),
  carrier: z.string().trim().min(1).max(100),
  trackingNumber: z.string().trim().min(1).max(100),
  trackingUrl: trackingUrlSchema,
  exchangeReturnId: z.string().min(1).max(64).optional(),
});
export type ShipInput = z.input<typeof shipInput>;

/**
 * One shipment arrived. `deliveredAt`: when the carrier says it did, for a delivery recorded
 * late (the carrier's date as staff give it; not in the future); absent: now. The return window counts from it.
 */
export const deliverInput = z.object({
  orderId: orderIdInput,
  shipmentId: z.string().min(1).max(64),
  deliveredAt: z.coerce.date().optional(),
});
export type DeliverInput = z.infer<typeof deliverInput>;

export const adminCancelInput = z.object({ orderId: orderIdInput, reason: cancelReason });
export type AdminCancelInput = z.infer<typeof adminCancelInput>;

/** Cancels units not shipped yet; a paid order gets exactly those units' money back. */
export const cancelLinesInput = z.object({
  orderId: orderIdInput,
  lines: lineQuantities,
  reason: cancelReason,
  /** One per attempt (the form makes one): re-sending it cancels and refunds once, answering the same view. */
  idempotencyKey: z.string().min(8).max(200).optional(),
});
export type CancelLinesInput = z.infer<typeof cancelLinesInput>;

/** Part or all of what was paid. Re-sending the same `idempotencyKey` refunds once. */
export const refundInput = z.object({
  orderId: orderIdInput,
  amount: z.number().int().positive(),
  reason: z.string().trim().min(1).max(500),
  idempotencyKey: z.string().min(8).max(200).optional(),
});
export type RefundInput = z.infer<typeof refundInput>;

export const returnLineRequestSchema = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.number().int().positive(),
  reason: returnReasonSchema,
  /** Another variant of the same product, sold in the order's currency: an exchange. */
  exchangeForSku: z.string().min(1).max(64).optional(),
});
/**
 * A shopper (signed-in owner, or a guest with the order's access token) asks to send delivered
 * units back within the return window.
 */
export const requestReturnInput = z.object({
  orderId: orderIdInput,
  accessToken: accessTokenInput,
  lines: z.array(returnLineRequestSchema).min(1).max(100),
});
export type RequestReturnInput = z.infer<typeof requestReturnInput>;

const returnRef = { orderId: orderIdInput, returnId: z.string().min(1).max(64) };
/** Staff's note to the shopper (mailed with the decision). */
export const returnNote = z.string().trim().max(1000);
export const approveReturnInput = z.object({ ...returnRef, note: returnNote.default("") });
export type ApproveReturnInput = z.input<typeof approveReturnInput>;
export const rejectReturnInput = z.object({ ...returnRef, note: returnNote.min(1) });
export type RejectReturnInput = z.infer<typeof rejectReturnInput>;

/** What arrived, per line of the return: units received, and of those how many are damaged. */
export const receiveReturnInput = z.object({
  ...returnRef,
  lines: z
    .array(
      z.object({
        sku: z.string().min(1).max(64),
        received: z.number().int().min(0),
        damaged: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(100),
});
export type ReceiveReturnInput = z.infer<typeof receiveReturnInput>;

/** The returns queue (admin), newest request first, keyset paged. */
export const returnsListInput = z.object({
  status: returnStatusSchema.optional(),
  /** Text within the return number, the order number or the email. */
  q: z.string().min(1).max(100).optional(),
  ...pageShape,
});
export type ReturnsListInput = z.infer<typeof returnsListInput>;

/** The dashboard answers every currency the shop took money in; `currency` narrows it to one. */
export const statsInput = z.object({ currency: currencySchema.optional() }).default({});
export type StatsInput = z.infer<typeof statsInput>;

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────
const isoTime = z.string();

/** One parcel: the units it carries, how to follow it, and when it arrived. */
export const shipmentSchema = z.object({
  id: z.string(),
  lines: z.array(lineQuantitySchema),
  carrier: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string().nullable(),
  shippedAt: isoTime,
  deliveredAt: isoTime.nullable(),
  /** Until when its units may be asked back (delivery + the return window then); null until delivered. */
  returnableUntil: isoTime.nullable(),
  /** Set when this parcel carries the replacement units of an exchange. */
  exchangeReturnId: z.string().nullable(),
});
export type Shipment = z.infer<typeof shipmentSchema>;

/** Units cancelled before they shipped, and what their cancellation refunded. */
export const cancelledLinesSchema = z.object({
  lines: z.array(lineQuantitySchema),
  reason: z.string(),
  refundAmount: minorUnitsSchema,
  at: isoTime,
});
export type CancelledLines = z.infer<typeof cancelledLinesSchema>;

/**
 * How a refund for units (returned or cancelled) was worked out, in minor units: the lines' prices,
 * minus their share of the order's discount, plus their share of the tax where it was added on top
 * (`taxInclusive` false; where prices include it, `tax` says how much of it was inside), plus
 * shipping when the policy refunds it, minus the restocking fee, plus (or minus) what an exchange's
 * replacement costs less (more). `total` is what goes back.
 */
export const refundBreakdownSchema = z.object({
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), amount: minorUnitsSchema })),
  subtotal: minorUnitsSchema,
  discount: minorUnitsSchema,
  tax: minorUnitsSchema,
  taxInclusive: z.boolean(),
  shipping: minorUnitsSchema,
  restockingFee: minorUnitsSchema,
  /** Signed: positive when replacements cost less than what they replace (more back). */
  exchangeDifference: z.number().int(),
  total: minorUnitsSchema,
});
export type RefundBreakdown = z.infer<typeof refundBreakdownSchema>;

export const returnLineSchema = z.object({
  sku: z.string(),
  quantity: z.number().int(),
  reason: returnReasonSchema,
  exchangeForSku: z.string().nullable(),
  /** Set when the return is received. */
  received: z.number().int().nullable(),
  damaged: z.number().int().nullable(),
});
export type ReturnLine = z.infer<typeof returnLineSchema>;

/**
 * The price difference of an exchange: `difference` > 0 the shopper pays it (a second payment on
 * the order, `paymentId`/`clientSecret` to pay with), < 0 it is refunded with the return.
 */
export const exchangeSchema = z.object({
  lines: z.array(
    z.object({ sku: z.string(), exchangeForSku: z.string(), quantity: z.number().int(), unitPrice: minorUnitsSchema }),
  ),
  difference: z.number().int(),
  paymentId: z.string().nullable(),
  clientSecret: z.string().nullable(),
  paidAt: isoTime.nullable(),
  /** The shipment carrying the replacements, once shipped. */
  shipmentId: z.string().nullable(),
});
export type Exchange = z.infer<typeof exchangeSchema>;

export const returnSchema = z.object({
  id: z.string(),
  /** `R-<order number>-<n>` (formatReturnNumber). */
  number: z.string(),
  status: returnStatusSchema,
  lines: z.array(returnLineSchema),
  /** Staff's note with the decision ("" when none). */
  note: z.string(),
  /** What to do with the parcel (mailed on approval). */
  instructions: z.string().nullable(),
  exchange: exchangeSchema.nullable(),
  refund: z
    .object({ refundId: z.string().nullable(), amount: minorUnitsSchema, breakdown: refundBreakdownSchema })
    .nullable(),
  requestedAt: isoTime,
  decidedAt: isoTime.nullable(),
  receivedAt: isoTime.nullable(),
  refundedAt: isoTime.nullable(),
});
export type OrderReturn = z.infer<typeof returnSchema>;

/** What an order's detail page shows: shopper's (their own) and admin's. Times are UTC ISO-8601. */
/** The part of an order's total a gift card paid: `amount` (order currency) + card payment = total. */
export const orderGiftCardSchema = z.object({ cardId: z.string(), last4: z.string(), amount: minorUnitsSchema });
export type OrderGiftCard = z.infer<typeof orderGiftCardSchema>;

/**
 * Where a refund's money went (#27): back to the card payment, or back onto the gift card that
 * paid for (part of) the order. A refund of an order paid by both goes back to the gift card
 * first, up to what the card took, and the rest to the card payment (domain/refunds.ts).
 */
export const REFUND_DESTINATIONS = ["card", "gift_card"] as const;
export const refundDestinationSchema = z.enum(REFUND_DESTINATIONS);
export type RefundDestination = z.infer<typeof refundDestinationSchema>;

/** What is left to pay by card once the gift card's part is taken. */
export function cardDue(order: { totals: { total: number }; giftCard: OrderGiftCard | null }): number {
  return order.totals.total - (order.giftCard?.amount ?? 0);
}

export const orderViewSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: orderStatusSchema,
  paymentStatus: paymentStatusSchema,
  fulfilmentStatus: fulfilmentStatusSchema,
  version: z.number().int(),
  userId: z.string().nullable(),
  email: z.string(),
  lines: z.array(orderLineSchema),
  /** The region the order was priced in (null for orders placed before regions). */
  regionId: z.string().nullable(),
  /** In the region's currency, on its tax basis, with a tax line per rate. */
  totals: orderTotalsSchema,
  /** The shipping chosen, its price and its tax (null for orders placed before regions). */
  shippingMethod: shippingMethodSchema.nullable(),
  discountCode: z.string().nullable(),
  /** What a gift card paid of the total (#27), and the card's last four characters; the card payment is the rest. */
  giftCard: orderGiftCardSchema.nullable(),
  shippingAddress: addressSchema,
  billingAddress: addressSchema,
  payment: z
    .object({
      paymentId: z.string(),
      provider: z.string(),
      clientSecret: z.string().nullable(),
      lastError: z.object({ code: z.string(), reason: z.string() }).nullable(),
    })
    .nullable(),
  reservationExpiresAt: isoTime.nullable(),
  /** All money taken: the order's payment and any exchange differences paid. */
  paidAmount: minorUnitsSchema,
  refundedTotal: minorUnitsSchema,
  refunds: z.array(
    z.object({
      refundId: z.string(),
      amount: minorUnitsSchema,
      reason: z.string(),
      at: isoTime,
      /** The return it refunds (null for cancellations and goodwill refunds). */
      returnId: z.string().nullable(),
      /** Where the money went (views stored before #27's split: absent, meaning the card). */
      to: refundDestinationSchema.default("card"),
    }),
  ),
  shipments: z.array(shipmentSchema),
  cancelledLines: z.array(cancelledLinesSchema),
  returns: z.array(returnSchema),
  cancellation: z.object({ reason: z.string(), by: cancelledBySchema, at: isoTime }).nullable(),
  shortages: z.array(shortageSchema),
  placedAt: isoTime,
  paidAt: isoTime.nullable(),
  updatedAt: isoTime,
});
export type OrderView = z.infer<typeof orderViewSchema>;

/** The three statuses, as lists, feeds and streams carry them. */
const statusTriple = {
  status: orderStatusSchema,
  paymentStatus: paymentStatusSchema,
  fulfilmentStatus: fulfilmentStatusSchema,
};

/** A line of a list (shopper's or admin's). */
export const orderSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  ...statusTriple,
  email: z.string(),
  regionId: z.string().nullable(),
  currency: z.string(),
  total: minorUnitsSchema,
  itemCount: z.number().int(),
  placedAt: isoTime,
  updatedAt: isoTime,
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** A page of a list, newest first; `nextCursor` is null on the last page. */
export const orderPageSchema = z.object({ items: z.array(orderSummarySchema), nextCursor: z.string().nullable() });
export type OrderPage = z.infer<typeof orderPageSchema>;

/** One return in the admin's returns queue. */
export const returnSummarySchema = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  returnId: z.string(),
  number: z.string(),
  status: returnStatusSchema,
  email: z.string(),
  itemCount: z.number().int(),
  exchange: z.boolean(),
  requestedAt: isoTime,
  updatedAt: isoTime,
});
export type ReturnSummary = z.infer<typeof returnSummarySchema>;
export const returnPageSchema = z.object({ items: z.array(returnSummarySchema), nextCursor: z.string().nullable() });
export type ReturnPage = z.infer<typeof returnPageSchema>;

export const checkoutResultSchema = z.object({
  orderId: z.string(),
  number: z.string(),
  status: orderStatusSchema,
  paymentStatus: paymentStatusSchema,
  /** For a guest to read, follow and cancel the order; the same on every retry. */
  accessToken: z.string(),
  regionId: z.string().nullable(),
  totals: orderTotalsSchema,
  shippingMethod: shippingMethodSchema.nullable(),
  /** Present once stock is reserved: what the shopper pays with. */
  payment: z.object({ paymentId: z.string(), provider: z.string(), clientSecret: z.string().nullable() }).nullable(),
  cancellation: z.object({ reason: z.string() }).nullable(),
});
export type CheckoutResult = z.infer<typeof checkoutResultSchema>;

/**
 * The order and its full history (the access-token hash left out: it is a credential's
 * fingerprint): shipments, deliveries, cancelled lines, returns and refunds are all events here,
 * each with readable data, so this is the one timeline of the order.
 */
export const adminOrderDetailSchema = z.object({
  order: orderViewSchema,
  timeline: z.array(
    z.object({
      version: z.number().int(),
      type: z.string(),
      occurredAt: isoTime,
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type AdminOrderDetail = z.infer<typeof adminOrderDetailSchema>;

/** Each transition of one order, as `orders.onStatus` streams it (tracked by `version`). */
export const statusUpdateSchema = z.object({
  orderId: z.string(),
  number: z.string(),
  ...statusTriple,
  version: z.number().int(),
  at: isoTime,
});
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;

/** One committed change to an order, as every instance hears it. */
export const orderChangeSchema = z.object({
  orderId: z.string(),
  number: z.string(),
  version: z.number().int(),
  ...statusTriple,
  previousStatus: orderStatusSchema.nullable(),
  previousPaymentStatus: paymentStatusSchema.nullable(),
  previousFulfilmentStatus: fulfilmentStatusSchema.nullable(),
  email: z.string(),
  total: minorUnitsSchema,
  currency: z.string(),
  at: isoTime,
});
export type OrderChange = z.infer<typeof orderChangeSchema>;

/** The admin's live feed: a new order, or another order's status change. */
export const orderFeedItemSchema = orderChangeSchema.extend({ kind: z.enum(["placed", "status"]) });
export type OrderFeedItem = z.infer<typeof orderFeedItemSchema>;

const countsByStatusSchema = z.record(orderStatusSchema, z.number().int());
const countsByPaymentStatusSchema = z.record(paymentStatusSchema, z.number().int());
const countsByFulfilmentStatusSchema = z.record(fulfilmentStatusSchema, z.number().int());

/**
 * One currency's part of the dashboard: today's orders placed in it and net revenue (paid minus
 * refunded, by the UTC day of payment), and that revenue per UTC day. Amounts in different
 * currencies are never added together.
 */
export const currencyStatsSchema = z.object({
  currency: z.string(),
  today: z.object({ orders: z.number().int(), revenue: minorUnitsSchema }),
  revenueByDay: z.array(z.object({ day: z.string(), revenue: minorUnitsSchema })),
});
export type CurrencyStats = z.infer<typeof currencyStatsSchema>;

/** The dashboard: per currency the shop sold in (alphabetical), and counts by each status (all currencies). */
export const orderStatsSchema = z.object({
  currencies: z.array(currencyStatsSchema),
  byStatus: countsByStatusSchema,
  byPaymentStatus: countsByPaymentStatusSchema,
  byFulfilmentStatus: countsByFulfilmentStatusSchema,
});
export type OrderStats = z.infer<typeof orderStatsSchema>;

/**
 * Money taken in one currency: paid orders, what they paid (exchange differences included) and
 * what went back; `returnsRefunded` is the part of `refundedTotal` refunded for returns.
 */
export const currencyBooksSchema = z.object({
  currency: z.string(),
  paidOrders: z.number().int(),
  paidTotal: minorUnitsSchema,
  refundedTotal: minorUnitsSchema,
  returnsRefunded: minorUnitsSchema,
});
export type CurrencyBooks = z.infer<typeof currencyBooksSchema>;

/** The books, for reconciliation checks: orders by each status, returns, and money taken per currency. */
export const orderBooksSchema = z.object({
  orders: z.number().int(),
  byStatus: countsByStatusSchema,
  byPaymentStatus: countsByPaymentStatusSchema,
  byFulfilmentStatus: countsByFulfilmentStatusSchema,
  returns: z.record(returnStatusSchema, z.number().int()),
  paidOrders: z.number().int(),
  currencies: z.array(currencyBooksSchema),
});
export type OrderBooks = z.infer<typeof orderBooksSchema>;

/** Who to write to about an order (notifications). */
export const orderContactSchema = z.object({ email: z.string(), number: z.string() });
export type OrderContact = z.infer<typeof orderContactSchema>;

// ── What an order allows ────────────────────────────────────────────────────────────────────
/** The facts of an order the rules below read; an order view (or the domain's state) has them. */
export interface OrderFacts {
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfilmentStatus: FulfilmentStatus;
  paidAmount: number;
  refundedTotal: number;
  /** `kind`: a gift-card line (#27) never ships. */
  lines: readonly { sku: string; quantity: number; kind?: ProductKind | undefined }[];
  payment: object | null;
  shipments: readonly Pick<Shipment, "id" | "lines" | "deliveredAt" | "returnableUntil" | "exchangeReturnId">[];
  cancelledLines: readonly { lines: readonly LineQuantity[] }[];
  returns: readonly {
    id: string;
    status: ReturnStatus;
    lines: readonly { sku: string; quantity: number; exchangeForSku: string | null; received: number | null }[];
    exchange: { difference: number; paidAt: string | null; shipmentId: string | null } | null;
  }[];
  cancellation: object | null;
}

/**
 * Why a command does not apply: which status stands in the way (`kind`), the state it is in,
 * the one the command would lead to, and what blocks it.
 */
export interface Refusal {
  kind: "order" | "payment" | "fulfilment" | "return";
  from: string;
  to: string;
  detail?: string;
}

/** Why a command's input does not fit the order (400): the field, precisely, and why. */
export interface InputProblem {
  field: string;
  reason: string;
}

/** Where each SKU of the order's lines stands, in units (exchange shipments not counted). */
export interface LineProgress {
  sku: string;
  ordered: number;
  cancelled: number;
  shipped: number;
  delivered: number;
  /** In returns not rejected (requested, approved, received, refunded, closed). */
  claimed: number;
  /** Received back (damaged or not). */
  returned: number;
}

function sumBy(lines: readonly { sku: string; quantity: number }[], sku: string): number {
  return lines.reduce((n, l) => (l.sku === sku ? n + l.quantity : n), 0);
}

export function lineProgress(
  order: Pick<OrderFacts, "lines" | "shipments" | "cancelledLines" | "returns">,
): LineProgress[] {
  const skus = [...new Set(order.lines.map((l) => l.sku))];
  const own = order.shipments.filter((s) => s.exchangeReturnId === null);
  return skus.map((sku) => ({
    sku,
    ordered: sumBy(order.lines, sku),
    cancelled: order.cancelledLines.reduce((n, c) => n + sumBy(c.lines, sku), 0),
    shipped: own.reduce((n, s) => n + sumBy(s.lines, sku), 0),
    delivered: own.reduce((n, s) => (s.deliveredAt ? n + sumBy(s.lines, sku) : n), 0),
    claimed: order.returns.filter((r) => r.status !== "REJECTED").reduce((n, r) => n + sumBy(r.lines, sku), 0),
    returned: order.returns.reduce(
      (n, r) => n + r.lines.reduce((m, l) => (l.sku === sku ? m + (l.received ?? 0) : m), 0),
      0,
    ),
  }));
}

/** Units not shipped (nor cancelled) yet, per SKU: what `ship` without lines sends, what may be cancelled. */
export function unshippedLines(
  order: Pick<OrderFacts, "lines" | "shipments" | "cancelledLines" | "returns">,
): LineQuantity[] {
  // A gift card (#27) is delivered by email when the order is paid: it never ships.
  const emailed = new Set(order.lines.filter((l) => l.kind === "gift_card").map((l) => l.sku));
  return lineProgress(order)
    .map((p) => ({ sku: p.sku, quantity: p.ordered - p.cancelled - p.shipped }))
    .filter((l) => l.quantity > 0 && !emailed.has(l.sku));
}

/** Money still refundable on the order (minor units). */
export function refundableAmount(order: Pick<OrderFacts, "paidAmount" | "refundedTotal">): number {
  return Math.max(0, order.paidAmount - order.refundedTotal);
}

/** Checks `lines` against what is available per SKU; names `lines.<i>.sku` or `lines.<i>.quantity`. */
function linesProblem(
  lines: readonly { sku: string; quantity: number }[],
  available: readonly LineQuantity[],
  what: string,
): InputProblem | null {
  const asked = new Map<string, number>();
  for (const [i, l] of lines.entries()) {
    const left = available.find((a) => a.sku === l.sku)?.quantity ?? 0;
    const total = (asked.get(l.sku) ?? 0) + l.quantity;
    asked.set(l.sku, total);
    if (left === 0) return { field: `lines.${i}.sku`, reason: `${l.sku} has no units ${what}` };
    if (total > left) return { field: `lines.${i}.quantity`, reason: `${total} of ${l.sku} asked, ${left} ${what}` };
  }
  return null;
}

/** Shipping needs a paid, placed order with units left to ship. */
export function shipRefusal(order: OrderFacts): Refusal | null {
  if (order.status !== "PLACED") return { kind: "order", from: order.status, to: "shipped" };
  if (order.paymentStatus === "AWAITING" || order.paymentStatus === "REFUNDED") {
    return { kind: "payment", from: order.paymentStatus, to: "shipped" };
  }
  if (unshippedLines(order).length === 0) {
    return { kind: "fulfilment", from: order.fulfilmentStatus, to: "shipped", detail: "nothing is left to ship" };
  }
  return null;
}

/** What is wrong with shipping these units (absent: all unshipped), or null. */
export function shipLinesProblem(order: OrderFacts, lines: readonly LineQuantity[] | undefined): InputProblem | null {
  if (!lines) return null;
  return linesProblem(lines, unshippedLines(order), "left to ship");
}

/** Shipments that have shipped and not arrived: each can be delivered. */
export function deliverableShipments(order: Pick<OrderFacts, "shipments">): string[] {
  return order.shipments.filter((s) => s.deliveredAt === null).map((s) => s.id);
}

export function deliverRefusal(order: OrderFacts, shipmentId: string): Refusal | InputProblem | null {
  const shipment = order.shipments.find((s) => s.id === shipmentId);
  if (!shipment) return { field: "shipmentId", reason: `no shipment ${shipmentId} on this order` };
  if (shipment.deliveredAt) {
    return {
      kind: "fulfilment",
      from: order.fulfilmentStatus,
      to: "delivered",
      detail: `shipment ${shipmentId} was already delivered`,
    };
  }
  return null;
}

/** Cancelling the whole order is possible until anything ships; a paid order is refunded first. */
export function cancelRefusal(order: OrderFacts): Refusal | null {
  if (order.status !== "PENDING" && order.status !== "PLACED")
    return { kind: "order", from: order.status, to: "CANCELLED" };
  if (order.shipments.length > 0) {
    return {
      kind: "fulfilment",
      from: order.fulfilmentStatus,
      to: "CANCELLED",
      detail: "part of it has shipped; cancel the unshipped lines",
    };
  }
  // A paid gift card (#27) was emailed when the order was paid and may be spent already: a cancel
  // would refund money the card still holds. Staff disable the card, then refund what is fair.
  if (order.paidAmount > 0 && order.lines.some((l) => l.kind === "gift_card")) {
    return {
      kind: "fulfilment",
      from: order.fulfilmentStatus,
      to: "CANCELLED",
      detail: "its gift cards were sent when it was paid; disable them under Gift cards, then refund",
    };
  }
  return null;
}

/** Cancelling some unshipped units: a placed (paid) order with units left to ship. */
export function cancelLinesRefusal(order: OrderFacts): Refusal | null {
  if (order.status !== "PLACED") return { kind: "order", from: order.status, to: "lines cancelled" };
  if (unshippedLines(order).length === 0) {
    return {
      kind: "fulfilment",
      from: order.fulfilmentStatus,
      to: "lines cancelled",
      detail: "nothing is left unshipped",
    };
  }
  return null;
}

export function cancelLinesProblem(order: OrderFacts, lines: readonly LineQuantity[]): InputProblem | null {
  return linesProblem(lines, unshippedLines(order), "left unshipped");
}

/** Whether the order can be refunded at all; the amount is checked by `refundAmountProblem`. */
export function refundRefusal(order: OrderFacts): Refusal | null {
  if (order.paidAmount === 0)
    return { kind: "payment", from: order.paymentStatus, to: "REFUNDED", detail: "nothing was paid" };
  if (order.paymentStatus === "REFUNDED") {
    return { kind: "payment", from: order.paymentStatus, to: "REFUNDED", detail: "it was fully refunded" };
  }
  return null;
}

/** What is wrong with refunding `amount` (minor units) now, or null when it may be refunded. */
export function refundAmountProblem(order: OrderFacts, amount: number): string | null {
  const left = refundableAmount(order);
  if (!Number.isInteger(amount) || amount <= 0) return "must be a positive integer";
  if (amount > left) return `${amount} is more than the ${left} still refundable`;
  return null;
}

/**
 * Units the shopper may still ask back, per SKU: delivered in shipments whose return window is
 * still open at `now`, less what returns (not rejected) already claim.
 */
export function returnableLines(
  order: Pick<OrderFacts, "lines" | "shipments" | "cancelledLines" | "returns">,
  now: Date,
): LineQuantity[] {
  const t = now.getTime();
  return lineProgress(order)
    .map((p) => {
      const inWindow = order.shipments
        .filter((s) => s.exchangeReturnId === null && s.returnableUntil !== null && Date.parse(s.returnableUntil) >= t)
        .reduce((n, s) => n + sumBy(s.lines, p.sku), 0);
      return { sku: p.sku, quantity: Math.min(inWindow, p.delivered - p.claimed) };
    })
    .filter((l) => l.quantity > 0);
}

/** A return can be asked on a placed or completed order with delivered units; the lines are checked apart. */
export function requestReturnRefusal(order: OrderFacts): Refusal | null {
  if (order.status !== "PLACED" && order.status !== "COMPLETED")
    return { kind: "order", from: order.status, to: "return requested" };
  if (order.shipments.every((s) => s.deliveredAt === null)) {
    return {
      kind: "fulfilment",
      from: order.fulfilmentStatus,
      to: "PARTIALLY_RETURNED",
      detail: "nothing was delivered yet",
    };
  }
  return null;
}

/**
 * What is wrong with asking these units back at `now`: a SKU not delivered, a quantity above what
 * is returnable, a return window that has closed (naming the line's field), an exchange for the
 * same SKU. The exchange SKU's product and currency are checked against the catalog by the app.
 */
export function returnLinesProblem(
  order: OrderFacts,
  lines: readonly { sku: string; quantity: number; exchangeForSku?: string | null | undefined }[],
  now: Date,
): InputProblem | null {
  const progress = lineProgress(order);
  const returnable = returnableLines(order, now);
  const asked = new Map<string, number>();
  for (const [i, l] of lines.entries()) {
    const p = progress.find((x) => x.sku === l.sku);
    if (!p || p.delivered === 0) return { field: `lines.${i}.sku`, reason: `${l.sku} was not delivered on this order` };
    const left = returnable.find((a) => a.sku === l.sku)?.quantity ?? 0;
    const total = (asked.get(l.sku) ?? 0) + l.quantity;
    asked.set(l.sku, total);
    if (left === 0 && p.delivered > p.claimed) {
      const closed = order.shipments
        .filter((s) => s.returnableUntil && sumBy(s.lines, l.sku) > 0)
        .map((s) => s.returnableUntil as string)
        .sort()
        .at(-1);
      return {
        field: `lines.${i}.sku`,
        reason: `the return window for ${l.sku} closed on ${closed?.slice(0, 10) ?? "delivery"}`,
      };
    }
    if (total > left) return { field: `lines.${i}.quantity`, reason: `${total} of ${l.sku} asked, ${left} returnable` };
    if (l.exchangeForSku && l.exchangeForSku === l.sku) {
      return { field: `lines.${i}.exchangeForSku`, reason: "must be another variant than the one returned" };
    }
  }
  return null;
}

/** A return's own moves; the message names both of its states. */
export function returnRefusal(ret: { status: ReturnStatus }, to: ReturnStatus): Refusal | null {
  const allowed: Record<ReturnStatus, readonly ReturnStatus[]> = {
    REQUESTED: ["APPROVED", "REJECTED"],
    APPROVED: ["RECEIVED"],
    RECEIVED: ["REFUNDED", "CLOSED"],
    REJECTED: [],
    REFUNDED: [],
    CLOSED: [],
  };
  return allowed[ret.status].includes(to) ? null : { kind: "return", from: ret.status, to };
}

/** What is wrong with a receipt: every line of the return once, received ≤ sent back, damaged ≤ received. */
export function receiveLinesProblem(
  ret: { lines: readonly { sku: string; quantity: number }[] },
  lines: readonly { sku: string; received: number; damaged: number }[],
): InputProblem | null {
  const seen = new Set<string>();
  for (const [i, l] of lines.entries()) {
    const quantity = sumBy(ret.lines, l.sku);
    if (quantity === 0) return { field: `lines.${i}.sku`, reason: `${l.sku} is not in this return` };
    if (seen.has(l.sku)) return { field: `lines.${i}.sku`, reason: `${l.sku} is listed twice` };
    seen.add(l.sku);
    if (l.received > quantity)
      return { field: `lines.${i}.received`, reason: `${l.received} received, ${quantity} were sent back` };
    if (l.damaged > l.received)
      return { field: `lines.${i}.damaged`, reason: `${l.damaged} damaged, ${l.received} received` };
  }
  const missing = ret.lines.find((l) => !seen.has(l.sku));
  if (missing) return { field: "lines", reason: `${missing.sku} is missing (say 0 received if it did not arrive)` };
  return null;
}

/** Exchanges received (and their difference paid) whose replacements have not shipped. */
export function exchangesToShip(order: Pick<OrderFacts, "returns">): string[] {
  return order.returns
    .filter(
      (r) =>
        r.exchange !== null &&
        r.exchange.shipmentId === null &&
        (r.status === "RECEIVED" || r.status === "REFUNDED" || r.status === "CLOSED") &&
        (r.exchange.difference <= 0 || r.exchange.paidAt !== null),
    )
    .map((r) => r.id);
}

export interface AdminActions {
  /** Units are left to ship (`shippable`: per SKU, what `ship` without lines sends). */
  ship: boolean;
  shippable: LineQuantity[];
  /** Shipments on their way: each can be marked delivered. */
  deliver: string[];
  cancel: boolean;
  /** Unshipped units of a paid order can be cancelled (`cancellable`: per SKU). */
  cancelLines: boolean;
  cancellable: LineQuantity[];
  refund: boolean;
  /** What a refund may still return (minor units). */
  refundable: number;
  /** Returns awaiting a decision (approve or reject). */
  decideReturn: string[];
  /** Approved returns whose parcel can be received. */
  receiveReturn: string[];
  /** Exchanges whose replacements can be shipped (ship with `exchangeReturnId`). */
  shipExchange: string[];
}

/** The admin's commands the order accepts now: the deciders' own rules. */
export function adminActions(order: OrderFacts): AdminActions {
  const refundable = refundableAmount(order);
  const shipOk = shipRefusal(order) === null;
  const cancelLinesOk = cancelLinesRefusal(order) === null;
  return {
    ship: shipOk,
    shippable: shipOk ? unshippedLines(order) : [],
    deliver: deliverableShipments(order),
    cancel: cancelRefusal(order) === null,
    cancelLines: cancelLinesOk,
    cancellable: cancelLinesOk ? unshippedLines(order) : [],
    refund: refundRefusal(order) === null && refundable > 0,
    refundable,
    decideReturn: order.returns.filter((r) => r.status === "REQUESTED").map((r) => r.id),
    receiveReturn: order.returns.filter((r) => r.status === "APPROVED").map((r) => r.id),
    shipExchange: order.paymentStatus === "AWAITING" ? [] : exchangesToShip(order),
  };
}

/** Whether the order's payment went through: the payment page has nothing left to do then. */
export function isPastPayment(order: { paymentStatus: PaymentStatus }): boolean {
  return order.paymentStatus !== "AWAITING";
}

export interface ShopperActions {
  /** A payment can be confirmed (or retried after a decline) only while the order awaits it. */
  pay: boolean;
  /** The shopper cancels under the same rule as an admin: until anything ships. */
  cancel: boolean;
  /** Delivered units within the return window can be asked back (`returnable`: per SKU). */
  requestReturn: boolean;
  returnable: LineQuantity[];
  /** Approved exchanges whose price difference awaits the shopper's payment (return ids). */
  payExchange: string[];
}

export function shopperActions(order: OrderFacts, now: Date = new Date()): ShopperActions {
  const returnable = requestReturnRefusal(order) === null ? returnableLines(order, now) : [];
  return {
    pay:
      order.status === "PENDING" && order.payment !== null && order.paymentStatus === "AWAITING" && !order.cancellation,
    cancel: cancelRefusal(order) === null,
    requestReturn: returnable.length > 0,
    returnable,
    payExchange: order.returns
      .filter(
        (r) =>
          r.exchange !== null &&
          r.exchange.difference > 0 &&
          r.exchange.paidAt === null &&
          (r.status === "APPROVED" || r.status === "RECEIVED" || r.status === "CLOSED"),
      )
      .map((r) => r.id),
  };
}

// ── Back from payment: releasing a pending order (#21) ──────────────────────────────────────
/**
 * The cancellation reason a released order carries (shown as it is by `cancelReasonLabel`): the
 * shopper went back from the pay step to change the order and asked to release it.
 */
export const RELEASED_TO_CART_REASON = "Released by the shopper from the pay step (back to the cart)";

/** A shopper (signed-in owner, or a guest with the order's token) releases their unpaid order. */
export const releasePendingInput = z.object({ orderId: orderIdInput, accessToken: accessTokenInput });
export type ReleasePendingInput = z.infer<typeof releasePendingInput>;

/**
 * Whether an order can be released from the pay step: PENDING (unpaid, stock held or being
 * checked) and still awaiting payment. A released order answers null again (idempotent).
 */
export function releaseRefusal(order: OrderFacts & { cancellation: { reason: string } | null }): Refusal | null {
  if (order.status === "CANCELLED" && order.cancellation?.reason === RELEASED_TO_CART_REASON) return null;
  if (order.status !== "PENDING") {
    return { kind: "order", from: order.status, to: "released", detail: "only an unpaid order can be released" };
  }
  if (order.paymentStatus !== "AWAITING") return { kind: "payment", from: order.paymentStatus, to: "released" };
  return null;
}

// ── Internal: the data export (#20) ─────────────────────────────────────────────────────────
/** Whose orders identity's data export asks for: the user's own and guest orders with their email. */
export const exportForInput = z.object({ userId: z.string().min(1).max(64), email: z.string().email().max(320) });
export type ExportForInput = z.infer<typeof exportForInput>;

// ── Guest order links and the order lookup (#21) ───────────────────────────────────────────
/**
 * The storefront's order page reads an emailed link's token from the URL fragment
 * (`/account/orders/<id>#link=<token>`: browsers never send a fragment to a server) and exchanges
 * it once for the order's HttpOnly cookie with `orders.redeemLink`.
 */
export const ACCESS_LINK_FRAGMENT = "link";
/** `data.reason` of a refused link, so the page can say which it was. */
export const ACCESS_LINK_EXPIRED = "the link has expired";
export const ACCESS_LINK_INVALID = "the link is not valid";

/** A signed link token (a compact JWT): base64url parts joined by dots. */
export const accessLinkTokenSchema = z
  .string()
  .min(20)
  .max(1000)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "must be a link token");

/** Exchange an emailed link for the order's access (answered in the x-order-token response header). */
export const redeemLinkInput = z.object({ orderId: orderIdInput, link: accessLinkTokenSchema });
export type RedeemLinkInput = z.infer<typeof redeemLinkInput>;
export const redeemLinkResult = z.object({ orderId: z.string(), expiresAt: z.string() });
export type RedeemLinkResult = z.infer<typeof redeemLinkResult>;

/** Order numbers as shoppers see them (`MC-000123`); typed in any case, with or without a leading `#`. */
export const ORDER_NUMBER_PATTERN = /^MC-\d{6,12}$/;
export const orderNumberInput = z
  .string()
  .trim()
  .max(32)
  .transform((s) => s.replace(/^#/, "").toUpperCase())
  .pipe(z.string().regex(ORDER_NUMBER_PATTERN, "must be an order number like MC-000123"));

/** "Send me a link to my order": its number and the email it was placed with. */
export const orderLookupInput = z.object({ orderNumber: orderNumberInput, email: z.email().max(254) });
export type OrderLookupInput = z.infer<typeof orderLookupInput>;
/** The same answer whether or not an order matched: nobody learns which orders exist. */
export const orderLookupResult = z.object({ accepted: z.literal(true) });
export type OrderLookupResult = z.infer<typeof orderLookupResult>;

/** What notifications gets to mail a guest link: the token, never on the bus. */
export const accessLinkInternalResult = z.object({
  orderId: z.string(),
  number: z.string(),
  email: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});
export type AccessLinkInternalResult = z.infer<typeof accessLinkInternalResult>;

// ── CSV export (#24) ────────────────────────────────────────────────────────────────────────
/**
 * The orders CSV's columns: one row per order (an order's lines are in the admin and the API;
 * a sheet of orders sums and filters best one order a line). Money in minor units of `currency`;
 * times UTC ISO. A seller's rows hold its lines' money only (as its admin list does).
 */
export const ORDER_CSV_COLUMNS = [
  "number",
  "status",
  "payment_status",
  "fulfilment_status",
  "placed_at",
  "paid_at",
  "customer_email",
  "currency",
  "item_count",
  "subtotal",
  "discount",
  "shipping",
  "tax",
  "tax_inclusive",
  "total",
  "paid",
  "refunded",
] as const;
export type OrderCsvColumn = (typeof ORDER_CSV_COLUMNS)[number];
export { EXPORT_PAGE_SIZE, type ExportPage, exportPage, exportPageInput } from "@mercato/events/schemas";
