import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { inbox, outbox } from "@mercato/events/tables";

export const products = sqliteTable(
  "products",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: ["draft", "active", "archived"] })
      .notNull()
      .default("draft"),
    brand: text("brand"),
    /** [{ url, alt }] */
    images: text("images", { mode: "json" }).$type<{ url: string; alt: string }[]>().notNull().default([]),
    attributes: text("attributes", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    /** Lowest variant price, kept for sorting and price filters without a join. */
    minPrice: integer("min_price").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    inStock: integer("in_stock", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("products_status_created").on(t.status, t.createdAt),
    index("products_status_price").on(t.status, t.minPrice),
    index("products_brand").on(t.brand),
  ],
);

export const variants = sqliteTable(
  "variants",
  {
    sku: text("sku").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    /** { size: "M", colour: "Blue" } */
    options: text("options", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    price: integer("price").notNull(),
    compareAtPrice: integer("compare_at_price"),
    currency: text("currency").notNull(),
    /** Mirrors inventory's availability (from inventory.stock.changed). */
    available: integer("available").notNull().default(0),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("variants_product").on(t.productId)],
);

export const categories = sqliteTable(
  "categories",
  {
    id: text("id").primaryKey(),
    parentId: text("parent_id"),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("categories_parent").on(t.parentId)],
);

export const productCategories = sqliteTable(
  "product_categories",
  {
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    categoryId: text("category_id")
      .notNull()
      .references(() => categories.id),
  },
  (t) => [primaryKey({ columns: [t.productId, t.categoryId] }), index("product_categories_category").on(t.categoryId)],
);
