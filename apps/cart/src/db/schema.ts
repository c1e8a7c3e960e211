import { CURRENCIES } from "@mercato/pricing";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DISCOUNT_KINDS, type GiftCardLine, REDEMPTION_STATUSES } from "../contract.ts";
import { DEFAULT_REGION_ID } from "../domain/region.ts";

export { auditLog, inbox, outbox } from "@mercato/events/tables";
export * from "./wishlist-schema.ts";

/**
 * A shopper's cart: either a signed-in user's (one per user) or a guest's, reachable only with
 * its token, of which only the SHA-256 hash is kept (a leaked database does not leak carts).
 */
export const carts = sqliteTable(
  "carts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id"),
    tokenHash: text("token_hash"),
    /**
     * The region the cart is priced in (the catalog's `catalog.regions.byId`). Carts from before
     * regions are in the default region, `eu`.
     */
    regionId: text("region_id").notNull().default(DEFAULT_REGION_ID),
    /** The region's currency, kept with the region so orders reads it without asking the catalog. */
    currency: text("currency", { enum: CURRENCIES }).notNull().default("EUR"),
    /** The destination the shopper set (a country of the region), or null: the region's default country. */
    country: text("country"),
    /** The state or province of `country`, where tax depends on it (US sales tax). */
    subdivision: text("subdivision"),
    /** The shipping option the shopper picked, or null: the region's first option that can carry the basket. */
    shippingOptionId: text("shipping_option_id"),
    /** The applied discount code, normalized to upper case; re-validated on every read. */
    discountCode: text("discount_code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** Last change: guest carts untouched for CART_GUEST_TTL_DAYS are swept. */
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("carts_user").on(t.userId),
    uniqueIndex("carts_token_hash").on(t.tokenHash),
    index("carts_updated").on(t.updatedAt),
  ],
);

/** One line per SKU, with what the shopper saw when adding it (title, image, price). */
export const cartItems = sqliteTable(
  "cart_items",
  {
    cartId: text("cart_id").notNull(),
    sku: text("sku").notNull(),
    quantity: integer("quantity").notNull(),
    /** The unit price (minor units) the shopper last accepted; a change is shown on read. */
    priceWhenAdded: integer("price_when_added").notNull(),
    productId: text("product_id").notNull(),
    productSlug: text("product_slug").notNull(),
    title: text("title").notNull(),
    image: text("image", { mode: "json" }).$type<{ url: string; alt: string } | null>(),
    options: text("options", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    /** A gift-card line's recipient (#27), as the shopper typed it; null for goods. */
    giftCard: text("gift_card", { mode: "json" }).$type<GiftCardLine>(),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cartId, t.sku] })],
);

export const discountCodes = sqliteTable("discount_codes", {
  /** Stored upper-cased, so codes are unique regardless of case. */
  code: text("code").primaryKey(),
  kind: text("kind", { enum: DISCOUNT_KINDS }).notNull(),
  /** Whole percent (1..100) or minor units, by kind. */
  value: integer("value").notNull(),
  /** The currency of a fixed amount (codes from before currencies are EUR); null for a percent code. */
  currency: text("currency", { enum: CURRENCIES }),
  minSubtotal: integer("min_subtotal").notNull().default(0),
  startsAt: integer("starts_at", { mode: "timestamp_ms" }),
  endsAt: integer("ends_at", { mode: "timestamp_ms" }),
  usageLimit: integer("usage_limit"),
  /** Paid orders that used the code, counted under the limit by a guarded UPDATE. */
  used: integer("used").notNull().default(0),
  oncePerCustomer: integer("once_per_customer", { mode: "boolean" }).notNull().default(false),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * One row per order that used a code. A use is reserved when the order is placed (`reserved`,
 * counted in `discount_codes.used` by a guarded UPDATE in the same transaction), becomes `paid` when
 * the order is paid, and is `released` (given back to the limit) when the order is cancelled or
 * lapses unpaid. `counted` is false when a paid order arrived with the limit already reached.
 */
export const codeRedemptions = sqliteTable(
  "code_redemptions",
  {
    code: text("code").notNull(),
    orderId: text("order_id").notNull(),
    status: text("status", { enum: REDEMPTION_STATUSES }).notNull().default("paid"),
    userId: text("user_id"),
    /** Lower-cased, so once-per-customer also holds for guests who check out with the same email. */
    email: text("email").notNull(),
    counted: integer("counted", { mode: "boolean" }).notNull(),
    redeemedAt: integer("redeemed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.orderId] }),
    index("code_redemptions_user").on(t.code, t.userId),
    index("code_redemptions_email").on(t.code, t.email),
    index("code_redemptions_order").on(t.orderId),
  ],
);
