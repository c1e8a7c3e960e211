import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PRODUCT_STATUSES } from "../contract.ts";

export { inbox, outbox } from "@mercato/events/tables";

export interface ProductImage {
  url: string;
  alt: string;
}

export const products = sqliteTable(
  "products",
  {
    id: text("id").primaryKey(),
    /**
     * The product's row id in the full-text tables. SQLite may renumber implicit rowids on VACUUM,
     * so the search index is keyed by this explicit, stable number instead.
     */
    docId: integer("doc_id").notNull().unique(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull().default("draft"),
    brand: text("brand"),
    images: text("images", { mode: "json" }).$type<ProductImage[]>().notNull().default([]),
    /** Free attributes shown on the product page: { material: "Cotton" }. */
    attributes: text("attributes", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    /** Lowest variant price ("from" price), kept for sorting, price filters and buckets without a join. */
    minPrice: integer("min_price").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    inStock: integer("in_stock", { mode: "boolean" }).notNull().default(false),
    /**
     * The product's category ids, sorted and space-separated: a copy of its product_categories rows
     * kept in the same transaction, so category facets group products by one indexed column.
     */
    categorySet: text("category_set").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // Keyset pagination walks these indexes: (status, sort key, id).
    index("products_status_created").on(t.status, t.createdAt, t.id),
    index("products_status_price").on(t.status, t.minPrice, t.id),
    index("products_brand").on(t.brand),
    // Search hits join products by doc_id: covering it with status and id skips the table rows.
    index("products_search").on(t.docId, t.status, t.id),
    // Covering indexes for facet counts over the whole active catalog.
    index("products_facets").on(t.status, t.brand, t.minPrice, t.inStock),
    index("products_category_sets").on(t.status, t.categorySet),
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

/**
 * Each distinct option value a product's variants offer ({ colour: "Blue" } → colour/Blue), kept
 * with the variants in the same transaction, so option filters are index lookups instead of
 * parsing every variant's JSON.
 */
export const productOptions = sqliteTable(
  "product_options",
  {
    name: text("name").notNull(),
    value: text("value").notNull(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
  },
  (t) => [primaryKey({ columns: [t.name, t.value, t.productId] }), index("product_options_product").on(t.productId)],
);

/**
 * The words of product texts, once each: the vocabulary the typo-tolerant search corrects against
 * (its trigram index is the FTS5 table `search_words_fts`, see the custom migration).
 */
export const searchWords = sqliteTable("search_words", {
  word: text("word").primaryKey(),
});
