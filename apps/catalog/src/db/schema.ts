import type { PaymentProvider, ShippingRule } from "@mercato/pricing";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CURRENCIES,
  IMPORT_JOB_STATUSES,
  IMPORT_PHASES,
  type ImportCounts,
  type ImportRowError,
  LEGAL_PAGE_SLUGS,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  TAX_CLASSES,
} from "../contract.ts";

export { auditLog, inbox, outbox } from "@mercato/events/tables";
export * from "./price-lists-schema.ts";

export interface ProductImage {
  url: string;
  alt: string;
  /** An upload that shows one variant: its SKU, so the product page can follow the shopper's pick. */
  sku?: string;
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
    /** Goods, or a gift card (#27): set at creation, never changed (orders and carts rely on it). */
    kind: text("kind", { enum: PRODUCT_KINDS }).notNull().default("standard"),
    brand: text("brand"),
    images: text("images", { mode: "json" }).$type<ProductImage[]>().notNull().default([]),
    /** Free attributes shown on the product page: { material: "Cotton" }. */
    attributes: text("attributes", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    /**
     * The product's primary "from" price (EUR when it sells in EUR, else its first currency), for
     * readers that know one price only (events, older clients). Listings in a currency read
     * product_prices instead.
     */
    minPrice: integer("min_price").notNull().default(0),
    currency: text("currency", { enum: CURRENCIES }).notNull().default("EUR"),
    /** Which tax rate applies to the product's variants (books: reduced). */
    taxClass: text("tax_class", { enum: TAX_CLASSES }).notNull().default("standard"),
    inStock: integer("in_stock", { mode: "boolean" }).notNull().default(false),
    /**
     * The product's category ids, sorted and space-separated: a copy of its product_categories rows
     * kept in the same transaction, so category facets group products by one indexed column.
     */
    categorySet: text("category_set").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** Who sells it (#20): null = the shop; a seller's user id when a seller created it. */
    ownerId: text("owner_id"),
  },
  (t) => [
    index("products_owner").on(t.ownerId, t.createdAt, t.id),
    // Listings page, filter and count on product_prices (per currency); these serve the rest.
    index("products_status_created").on(t.status, t.createdAt, t.id),
    index("products_brand").on(t.brand),
    // Search hits join products by doc_id: covering it with status and id skips the table rows.
    index("products_search").on(t.docId, t.status, t.id),
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
    /**
     * The variant's primary price (its EUR entry of variant_prices, else its first), kept in the
     * same transaction as the price set for readers that know one price only.
     */
    price: integer("price").notNull(),
    compareAtPrice: integer("compare_at_price"),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    /** For weight-tiered shipping; 0 when unknown (older rows and clients). */
    weightGrams: integer("weight_grams").notNull().default(0),
    /** Mirrors inventory's availability (from inventory.stock.changed). */
    available: integer("available").notNull().default(0),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("variants_product").on(t.productId)],
);

/**
 * The newest inventory ledger position applied to each SKU's availability (#26): stock events of
 * one SKU may be handled out of order by two instances sharing a consumer, and an older level must
 * not overwrite a newer one. Apart from `variants` so listing cards do not carry it.
 */
export const stockPositions = sqliteTable("stock_positions", {
  sku: text("sku").primaryKey(),
  seq: integer("seq").notNull(),
  /** When `seq` was applied: a position older than STOCK_POSITION_TRUST_MS no longer refuses a lower seq. */
  appliedAt: integer("applied_at", { mode: "timestamp_ms" }).notNull(),
});

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

/**
 * Search synonyms edited by staff (#25): searching `word` also finds `synonym`; with `twoWay`,
 * searching `synonym` also finds `word`. Both are single lower-case words without diacritics (as
 * the search tokenizer sees them). Applied when a search is answered, so a change takes effect on
 * the next search, without a restart.
 */
export const searchSynonyms = sqliteTable(
  "search_synonyms",
  {
    word: text("word").notNull(),
    synonym: text("synonym").notNull(),
    twoWay: integer("two_way", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** The staff member's email who added it; null for a seed. */
    createdBy: text("created_by"),
  },
  (t) => [primaryKey({ columns: [t.word, t.synonym] }), index("search_synonyms_synonym").on(t.synonym)],
);

/** A variant's price set: one price (and optional compare-at price) per currency it sells in. */
export const variantPrices = sqliteTable(
  "variant_prices",
  {
    sku: text("sku")
      .notNull()
      .references(() => variants.sku),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    amount: integer("amount").notNull(),
    compareAtAmount: integer("compare_at_amount"),
  },
  (t) => [primaryKey({ columns: [t.sku, t.currency] })],
);

/**
 * A product's listing row in each currency it sells in: its "from" price there (its lowest variant
 * price), with copies of the product columns listings filter, sort and count on (status, brand,
 * in-stock flag, category set, creation date). Kept in the same transaction as every write of
 * those (db/listing-rows.ts), so a listing in a currency pages, filters and counts facets on this
 * table's covering indexes alone, without joining products row by row. A product without a row for
 * a currency is not sold in it and is left out of that currency's listings.
 */
export const productPrices = sqliteTable(
  "product_prices",
  {
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    minPrice: integer("min_price").notNull(),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull(),
    brand: text("brand"),
    inStock: integer("in_stock", { mode: "boolean" }).notNull().default(false),
    categorySet: text("category_set").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.currency] }),
    // Keyset pages per currency: (currency, status, sort key, id).
    index("product_prices_price").on(t.currency, t.status, t.minPrice, t.productId),
    index("product_prices_created").on(t.currency, t.status, t.createdAt, t.productId),
    // Covering indexes for facet counts over a whole currency's catalog.
    index("product_prices_facets").on(t.currency, t.status, t.brand, t.inStock, t.minPrice),
    index("product_prices_category_sets").on(t.currency, t.status, t.categorySet),
  ],
);

/**
 * Which products' listing columns changed, in commit order (#25): filled by triggers on
 * product_prices, product_options, review_summaries and products' owner (migration
 * 0014_listing_changes), so no write path can forget it. Every catalog instance's in-memory
 * listing index (app/listing-index-sync.ts) reads the rows after the last one it applied before it
 * answers a listing. The triggers keep the last 50,000 rows; an index further behind reloads whole.
 */
export const listingChanges = sqliteTable("listing_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  productId: text("product_id").notNull(),
});

/**
 * One row (id 1) whose version every write to the catalog's small reference tables bumps, in the
 * write's own transaction (triggers on categories, price_lists and search_synonyms, migration
 * 0017_reference_version): every instance keeps those tables in memory and re-reads them when the
 * version moved (db/reference-data.ts), so a save is seen by the very next read, on any instance.
 */
export const referenceVersion = sqliteTable("reference_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});

// ── Regions ──────────────────────────────────────────────────────────────────────────────────

/** Where the shop sells: a set of countries, one currency, a tax basis and the providers offered. */
export const regions = sqliteTable("regions", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  currency: text("currency", { enum: CURRENCIES }).notNull(),
  /** The region's countries in the admin's order; region_countries holds the same set, one row each. */
  countries: text("countries", { mode: "json" }).$type<string[]>().notNull(),
  defaultCountry: text("default_country").notNull(),
  taxInclusive: integer("tax_inclusive", { mode: "boolean" }).notNull(),
  taxProvider: text("tax_provider", { enum: ["rates", "stripe_tax"] })
    .notNull()
    .default("rates"),
  paymentProviders: text("payment_providers", { mode: "json" }).$type<PaymentProvider[]>().notNull(),
  /** The region of a shopper whose country no region holds (or who gave none). Exactly one. */
  isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
  position: integer("position").notNull().default(0),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Which region a country belongs to: the primary key makes a country belong to one region only. */
export const regionCountries = sqliteTable(
  "region_countries",
  {
    country: text("country").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
  },
  (t) => [index("region_countries_region").on(t.regionId)],
);

export const shippingOptions = sqliteTable(
  "shipping_options",
  {
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    id: text("id").notNull(),
    name: text("name").notNull(),
    speed: text("speed", { enum: ["standard", "express"] }).notNull(),
    /** flat | free_above | weight tiers (@mercato/pricing's shippingRuleSchema). */
    rule: text("rule", { mode: "json" }).$type<ShippingRule>().notNull(),
    minDays: integer("min_days").notNull(),
    maxDays: integer("max_days").notNull(),
    taxClass: text("tax_class", { enum: TAX_CLASSES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.id] })],
);

export const taxRates = sqliteTable(
  "tax_rates",
  {
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    country: text("country").notNull(),
    /**
     * The subdivision (US state) the rate is for, "" for the whole country: SQLite's unique
     * indexes treat NULLs as distinct, so "" lets the index refuse a second country-wide rate.
     */
    subdivision: text("subdivision").notNull().default(""),
    taxClass: text("tax_class", { enum: TAX_CLASSES }).notNull(),
    rateBps: integer("rate_bps").notNull(),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    uniqueIndex("tax_rates_country_subdivision_class").on(t.country, t.subdivision, t.taxClass),
    index("tax_rates_region").on(t.regionId),
  ],
);

/**
 * One row counting every change to regions: region reads keep an in-process copy and check this
 * number (one primary-key read) before using it, so a save by any instance is seen on the next read.
 */
export const regionRevision = sqliteTable("region_revision", {
  id: integer("id").primaryKey(),
  revision: integer("revision").notNull(),
});

// ── Legal pages (#21) ────────────────────────────────────────────────────────────────────────

/** The shop's legal pages (terms, privacy, returns, imprint), written by staff in Markdown. */
export const legalPages = sqliteTable("legal_pages", {
  slug: text("slug", { enum: LEGAL_PAGE_SLUGS }).primaryKey(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  /** The staff member's email who saved it last; null for the demo seed. */
  updatedBy: text("updated_by"),
});

// ── CSV imports (#24) ────────────────────────────────────────────────────────────────────────

/** One product import (admin upload or CLI): its progress, counts and the first row errors. */
export const importJobs = sqliteTable("import_jobs", {
  id: text("id").primaryKey(),
  fileName: text("file_name").notNull(),
  status: text("status", { enum: IMPORT_JOB_STATUSES }).notNull(),
  phase: text("phase", { enum: IMPORT_PHASES }).notNull(),
  dryRun: integer("dry_run", { mode: "boolean" }).notNull(),
  strict: integer("strict", { mode: "boolean" }).notNull(),
  /** 0 to 1 over the whole job, written after every batch. */
  progress: real("progress").notNull().default(0),
  counts: text("counts", { mode: "json" }).$type<ImportCounts>().notNull(),
  /** The first IMPORT_MAX_REPORTED_ERRORS row errors; error_count counts them all. */
  errors: text("errors", { mode: "json" }).$type<ImportRowError[]>().notNull(),
  errorCount: integer("error_count").notNull().default(0),
  failure: text("failure"),
  /** The staff member who started it (null from the CLI). */
  createdBy: text("created_by"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
});
export { productImages } from "./image-schema.ts";
export * from "./schema-reviews.ts";
