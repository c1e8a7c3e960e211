import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { IMAGE_UPLOAD_TYPES } from "../contract-images.ts";
import { products } from "./schema.ts";

/**
 * Uploaded product images (#27), one row per image of a product (or of one of its variants), in
 * the product's order. The bytes live in the media storage under keys made from `hash` (the
 * SHA-256 of the original, domain/image-media.ts); the product's `images` column follows these
 * rows (app/product-images.ts), so every reader that knows image URLs shows uploads too.
 */
export const productImages = sqliteTable(
  "product_images",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    /** The variant the image shows; null for the product as a whole. */
    sku: text("sku"),
    position: integer("position").notNull(),
    alt: text("alt").notNull().default(""),
    hash: text("hash").notNull(),
    originalType: text("original_type", { enum: IMAGE_UPLOAD_TYPES }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("product_images_product").on(t.productId, t.position), index("product_images_hash").on(t.hash)],
);
