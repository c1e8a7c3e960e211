import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { IMAGE_UPLOAD_TYPES } from "../contract-images.ts";
import { REVIEW_STATUSES } from "../contract-reviews.ts";

/** One shopper's review of one product (#27): at most one per (product, customer). */
export const reviews = sqliteTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    productId: text("product_id").notNull(),
    /** The signed-in shopper (the token's subject). */
    customerId: text("customer_id").notNull(),
    /** The name shown with the review, as the shopper gave it. */
    authorName: text("author_name").notNull(),
    rating: integer("rating").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: REVIEW_STATUSES }).notNull(),
    /** Why staff rejected it: shown to its author only. */
    rejectReason: text("reject_reason"),
    /** The shop's public answer. */
    reply: text("reply"),
    repliedAt: integer("replied_at", { mode: "timestamp_ms" }),
    /** The author bought the product (a paid order the catalog heard of). */
    verified: integer("verified", { mode: "boolean" }).notNull().default(false),
    /** Shoppers' reports not yet looked at by staff: > 0 puts the review in the reported queue. */
    openReports: integer("open_reports").notNull().default(0),
    /**
     * Shoppers who marked it helpful: kept in the transaction of each vote (review_helpful_votes),
     * so the "helpful" sort is an index walk instead of a count per request.
     */
    helpfulCount: integer("helpful_count").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** When a moderator (or the auto-publish setting) last published it: the product page's "newest". */
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("reviews_product_customer").on(t.productId, t.customerId),
    index("reviews_product_status").on(t.productId, t.status, t.publishedAt),
    index("reviews_status").on(t.status, t.updatedAt, t.id),
    index("reviews_reported").on(t.openReports, t.updatedAt, t.id),
    index("reviews_product_helpful").on(t.productId, t.status, t.helpfulCount, t.publishedAt, t.id),
  ],
);

/**
 * A photo a shopper uploaded for a review (#27). The bytes are stored like a product image's
 * (app/resize-image.ts, content-addressed under `hash`); the row says whose it is, so only its
 * uploader may attach it. `reviewId` is null until the shopper's review write attaches it; a
 * review's photos are shown wherever the review is (so publicly only once it is published).
 */
export const reviewPhotos = sqliteTable(
  "review_photos",
  {
    id: text("id").primaryKey(),
    /** The signed-in shopper who uploaded it: the only one who may attach it. */
    customerId: text("customer_id").notNull(),
    reviewId: text("review_id").references(() => reviews.id),
    /** Its place among the review's photos (the order the review write listed them). */
    position: integer("position").notNull().default(0),
    alt: text("alt").notNull().default(""),
    hash: text("hash").notNull(),
    originalType: text("original_type", { enum: IMAGE_UPLOAD_TYPES }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("review_photos_review").on(t.reviewId, t.position),
    // The uploader's photos not yet attached are counted on this key (the cap on loose uploads).
    index("review_photos_customer").on(t.customerId, t.reviewId),
    index("review_photos_hash").on(t.hash),
  ],
);

/** Who marked which review helpful: one vote per shopper and review; unvoting deletes the row. */
export const reviewHelpfulVotes = sqliteTable(
  "review_helpful_votes",
  {
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    voterId: text("voter_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  // The page's votes of one viewer are found on this key: (review in the page, voter).
  (t) => [primaryKey({ columns: [t.reviewId, t.voterId] })],
);

/** Who reported which review: one report per shopper and review. */
export const reviewReports = sqliteTable(
  "review_reports",
  {
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    reporterId: text("reporter_id").notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.reporterId] })],
);

/**
 * A product's published reviews, counted: kept in the transaction of every moderation change, so
 * listings filter and sort on ratings without aggregating reviews per request.
 */
export const reviewSummaries = sqliteTable(
  "review_summaries",
  {
    productId: text("product_id").primaryKey(),
    count: integer("count").notNull().default(0),
    /** The average rating × 100, rounded (4.5 → 450): an integer the listing sorts and filters on. */
    averageX100: integer("average_x100").notNull().default(0),
    stars1: integer("stars_1").notNull().default(0),
    stars2: integer("stars_2").notNull().default(0),
    stars3: integer("stars_3").notNull().default(0),
    stars4: integer("stars_4").notNull().default(0),
    stars5: integer("stars_5").notNull().default(0),
  },
  (t) => [index("review_summaries_average").on(t.averageX100, t.productId)],
);

/** Who bought what (from orders.paid): what makes a review "verified purchase". */
export const purchases = sqliteTable(
  "purchases",
  {
    customerId: text("customer_id").notNull(),
    productId: text("product_id").notNull(),
    /** The first paid order seen with the product. */
    orderId: text("order_id").notNull(),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.productId] })],
);
