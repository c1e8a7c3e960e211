// Pure (zod and pricing only): service contracts import these shapes as `@mercato/events/schemas`,
// so what a browser form checks and what an event carries are one definition.
import { currencySchema, minorUnitsSchema, shippingMethodSchema, taxLineSchema } from "@mercato/pricing";
import { z } from "zod";

export const skuSchema = z.string().min(1).max(64);

/**
 * What a product is (#27): goods that are stocked and shipped, or a gift card, which is neither:
 * paying for it issues a card (payments), so inventory keeps no stock of it and nothing ships.
 */
export const PRODUCT_KINDS = ["standard", "gift_card"] as const;
export const productKindSchema = z.enum(PRODUCT_KINDS);
export type ProductKind = z.infer<typeof productKindSchema>;

// Bounded like any postal form: an address rides inside events, and a NATS message has a size limit.
export const addressSchema = z.object({
  name: z.string().min(1).max(200),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(1).max(20),
  country: z.string().length(2),
  /** The ISO 3166-2 subdivision (a US state: "CA"), where tax depends on it. */
  subdivision: z.string().min(1).max(3).optional(),
  phone: z.string().max(40).optional(),
});

export const orderLineSchema = z.object({
  sku: skuSchema,
  productId: z.string(),
  title: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: minorUnitsSchema,
  /** Who sells the line's product (#20), from the catalog at checkout: null = the shop. Older orders: absent. */
  sellerId: z.string().nullable().optional(),
  /** The price list (#27) that gave `unitPrice` at checkout (a sale, the shopper's group); null = the regular price. Older orders: absent. */
  priceList: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  /** A gift card (#27) is neither reserved nor shipped; absent: goods (older orders, and every goods line). */
  kind: productKindSchema.optional(),
});

export const totalsSchema = z.object({
  currency: currencySchema,
  subtotal: minorUnitsSchema,
  discount: minorUnitsSchema,
  shipping: minorUnitsSchema,
  tax: minorUnitsSchema,
  total: minorUnitsSchema,
  /** Whether the prices include the tax (EU/UK) or it was added on top (US). Older events: false. */
  taxInclusive: z.boolean().default(false),
  /** The tax per rate; they add up to `tax`. Older events carry none. */
  taxLines: z.array(taxLineSchema).default([]),
});

// The CSV exports' page (#24): every service's export procedure answers this shape.
export { EXPORT_PAGE_SIZE, type ExportPage, exportPage, exportPageInput } from "./export-page.ts";
// The notification kinds and channels a user's preferences name (identity's contract and the web's forms read them here).
export {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  notificationChannelSchema,
  notificationKindSchema,
} from "./identity.ts";
// The staff alert kinds (#22): notifications' contract and the admin's alert list read them here.
export { ALERT_KINDS, type AlertKind, alertKindSchema } from "./notifications.ts";
export { shippingMethodSchema, taxLineSchema };
