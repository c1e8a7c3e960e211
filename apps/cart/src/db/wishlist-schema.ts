import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * A shopper's wishlist (#27): a signed-in user's (one per user), or a guest's, held by the guest's
 * cart (so the cart token opens both, and the merge at sign-in moves both). A share link's token
 * is kept as its SHA-256 only, like the cart token; revoking clears it.
 */
export const wishlists = sqliteTable(
  "wishlists",
  {
    id: text("id").primaryKey(),
    userId: text("user_id"),
    /** The guest cart that holds a guest's wishlist; null for a user's. */
    guestCartId: text("guest_cart_id"),
    /** The user's email as their token last said, for back-in-stock and price-drop emails. */
    email: text("email"),
    shareTokenHash: text("share_token_hash"),
    /** The first name the owner chose to show on the shared page (nothing else about them is shown). */
    shareName: text("share_name"),
    sharedAt: integer("shared_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("wishlists_user").on(t.userId),
    uniqueIndex("wishlists_guest_cart").on(t.guestCartId),
    uniqueIndex("wishlists_share_token").on(t.shareTokenHash),
  ],
);

/** One saved variant, with what the shopper saw when saving it (shown if the product goes away). */
export const wishlistItems = sqliteTable(
  "wishlist_items",
  {
    wishlistId: text("wishlist_id").notNull(),
    sku: text("sku").notNull(),
    productId: text("product_id").notNull(),
    productSlug: text("product_slug").notNull(),
    title: text("title").notNull(),
    image: text("image", { mode: "json" }).$type<{ url: string; alt: string } | null>(),
    options: text("options", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.wishlistId, t.sku] }), index("wishlist_items_sku").on(t.sku)],
);

/**
 * What the cart last knew of each wished SKU's stock and base price, so an inventory or catalog
 * event can be told apart as a transition (0 → available, price lower) from a mere repeat. One
 * row per SKU on any wishlist; the alert for a transition is enqueued in the same transaction that
 * moves the row, so a redelivered event finds no transition and sends nothing twice.
 */
export const wishlistWatch = sqliteTable("wishlist_watch", {
  sku: text("sku").primaryKey(),
  available: integer("available").notNull(),
  /** The variant's unit price (minor units) per currency it sells in, as last seen. */
  prices: text("prices", { mode: "json" }).$type<Record<string, number>>().notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
