/**
 * The catalog's contract: what its procedures accept, the rules behind those inputs, and which
 * admin actions a product's status allows. Pure (zod and @mercato/pricing only), so the service,
 * its edge worker and the web's forms share one copy of every rule.
 */

import { productKindSchema } from "@mercato/events/schemas";
import {
  CURRENCIES,
  type Currency,
  currencySchema,
  minorUnitsSchema,
  type RegionRules,
  regionRulesSchema,
  TAX_CLASSES,
  type TaxClass,
  taxClassSchema,
} from "@mercato/pricing";
import { z } from "zod";
import { customerGroupIdSchema } from "./contract-price-lists.ts";

export * from "./contract-reviews.ts";
export { CURRENCIES, type Currency, type RegionRules, regionRulesSchema, TAX_CLASSES, type TaxClass, taxClassSchema };

// ── Products ──────────────────────────────────────────────────────────────────────────────────

export { PRODUCT_KINDS, type ProductKind, productKindSchema } from "@mercato/events/schemas";

/**
 * How many of one gift-card denomination a cart line may hold (#27). Gift cards have no stock (a
 * card is issued per unit paid), so the catalog answers this as their availability.
 */
export const GIFT_CARD_LINE_LIMIT = 10;

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;
export const productStatusSchema = z.enum(PRODUCT_STATUSES);
export type ProductStatus = z.infer<typeof productStatusSchema>;

/** Drafts and active products are made and edited as such; archiving has its own procedures. */
export const EDITABLE_STATUSES = ["draft", "active"] as const satisfies readonly ProductStatus[];
export type EditableStatus = (typeof EDITABLE_STATUSES)[number];

/**
 * What an admin may do to a product in each status. Archiving hides it from the shop; restoring
 * brings it back as a draft, so nothing goes live by accident.
 */
export const PRODUCT_ACTIONS = {
  draft: ["archive"],
  active: ["archive"],
  archived: ["restore"],
} as const satisfies Record<ProductStatus, readonly ("archive" | "restore")[]>;
export type ProductAction = (typeof PRODUCT_ACTIONS)[ProductStatus][number];

export function canDo(status: ProductStatus, action: ProductAction): boolean {
  return (PRODUCT_ACTIONS[status] as readonly ProductAction[]).includes(action);
}

export const SKU_RULE = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  maxLength: 64,
  message: "letters, digits, dots, dashes and underscores",
} as const;

export const SLUG_RULE = {
  pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  maxLength: 100,
  message: "lower-case letters, digits and single dashes",
} as const;

/** Length bounds of product fields, in characters (variant and image counts in entries). */
export const PRODUCT_LIMITS = {
  title: 200,
  description: 10_000,
  brand: 100,
  imageUrl: 2000,
  imageAlt: 300,
  images: 20,
  categories: 20,
  variants: 100,
  optionName: 50,
  optionValue: 100,
  attributeName: 50,
  attributeValue: 500,
} as const;

const slugSchema = z.string().min(1).max(SLUG_RULE.maxLength).regex(SLUG_RULE.pattern, SLUG_RULE.message);

/** One entry of a variant's price set: its price (and optional compare-at price) in one currency. */
export const priceInput = z.object({
  currency: currencySchema,
  amount: minorUnitsSchema.pipe(z.number().min(0)),
  compareAtAmount: minorUnitsSchema.pipe(z.number().min(0)).nullable().default(null),
});
export type PriceInput = z.input<typeof priceInput>;
/** A variant's whole price set: one entry per currency it sells in. */
export const priceSetInput = z
  .array(priceInput)
  .min(1)
  .max(CURRENCIES.length)
  .refine((p) => new Set(p.map((x) => x.currency)).size === p.length, { message: "one price per currency" });
/** A variant's price in one currency, as every read answers it. */
export interface VariantPrice {
  currency: Currency;
  amount: number;
  compareAtAmount: number | null;
}
/** The heaviest a variant may weigh (grams), for weight-tiered shipping. */
export const MAX_WEIGHT_GRAMS = 1_000_000;

export const variantInput = z
  .object({
    sku: z.string().trim().min(1).max(SKU_RULE.maxLength).regex(SKU_RULE.pattern, SKU_RULE.message),
    /** { size: "M", colour: "Blue" } */
    options: z
      .record(z.string().min(1).max(PRODUCT_LIMITS.optionName), z.string().min(1).max(PRODUCT_LIMITS.optionValue))
      .default({}),
    /** The legacy one-currency price: required unless `prices` is given. */
    price: z.number().int().min(0).optional(),
    compareAtPrice: z.number().int().min(0).nullable().default(null),
    currency: currencySchema.default("EUR"),
    /**
     * The variant's whole price set, one entry per currency it sells in. When given it is the
     * truth and `price`/`compareAtPrice`/`currency` are ignored; when absent those three make a
     * one-currency set (older clients).
     */
    prices: priceSetInput.optional(),
    /** Absent: the SKU's current weight when it already exists, else 0 (older clients). */
    weightGrams: z.number().int().min(0).max(MAX_WEIGHT_GRAMS).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.prices === undefined && v.price === undefined) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "a price (or a price set in prices) is required" });
    }
  });
export type VariantInput = z.infer<typeof variantInput>;

/** A variant's whole price set from its input: `prices` when given, else the legacy one-currency price. */
export function priceSetOf(v: Pick<VariantInput, "prices" | "price" | "compareAtPrice" | "currency">): VariantPrice[] {
  if (v.prices) {
    return v.prices.map((p) => ({
      currency: p.currency,
      amount: p.amount,
      compareAtAmount: p.compareAtAmount ?? null,
    }));
  }
  return [{ currency: v.currency ?? "EUR", amount: v.price ?? 0, compareAtAmount: v.compareAtPrice ?? null }];
}

/** The currency a one-price reader (events, older clients) is shown: EUR when the set has it, else the first. */
export const PRIMARY_CURRENCY: Currency = "EUR";
export function primaryPrice(set: readonly VariantPrice[]): VariantPrice | undefined {
  return set.find((p) => p.currency === PRIMARY_CURRENCY) ?? set[0];
}

const imageInput = z.object({
  url: z.string().min(1).max(PRODUCT_LIMITS.imageUrl),
  alt: z.string().max(PRODUCT_LIMITS.imageAlt).default(""),
});
const title = z.string().trim().min(1).max(PRODUCT_LIMITS.title);
const description = z.string().max(PRODUCT_LIMITS.description);
const editableStatus = z.enum(EDITABLE_STATUSES);
const brand = z.string().trim().min(1).max(PRODUCT_LIMITS.brand).nullable();
const images = z.array(imageInput).max(PRODUCT_LIMITS.images);
const attributes = z.record(
  z.string().min(1).max(PRODUCT_LIMITS.attributeName),
  z.string().max(PRODUCT_LIMITS.attributeValue),
);
const categoryIds = z.array(z.string().min(1)).max(PRODUCT_LIMITS.categories);
const variantList = z.array(variantInput).min(1).max(PRODUCT_LIMITS.variants);

export const createProductInput = z.object({
  title,
  /** Optional explicit slug; by default one is made from the title, unique with -2, -3... */
  slug: slugSchema.optional(),
  description: description.default(""),
  status: editableStatus.default("draft"),
  brand: brand.default(null),
  images: images.default([]),
  attributes: attributes.default({}),
  categoryIds: categoryIds.default([]),
  /** Which tax rate applies to the product (books: reduced); absent: standard (a gift card: zero). */
  taxClass: taxClassSchema.optional(),
  /**
   * A gift card (#27) sells its denominations as variants (one per amount, priced in each
   * currency within payments' gift-card range), weighs nothing and is zero-rated when sold: VAT
   * is due when the card is spent on goods. Fixed at creation; absent: goods.
   */
  kind: productKindSchema.optional(),
  variants: variantList,
});
export type CreateProductInput = z.infer<typeof createProductInput>;

/** Only the fields given change; `variants`, when given, is the product's whole new variant list. */
export const updateProductInput = z.object({
  id: z.string().min(1),
  title: title.optional(),
  description: description.optional(),
  status: editableStatus.optional(),
  brand: brand.optional(),
  images: images.optional(),
  attributes: attributes.optional(),
  categoryIds: categoryIds.optional(),
  taxClass: taxClassSchema.optional(),
  variants: variantList.optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const productIdInput = z.object({ id: z.string().min(1) });

/** One variant's new price set (REST's `PUT /admin/products/{id}/variants/{sku}/prices`); its other fields stay. */
export const setVariantPricesInput = z.object({ id: z.string().min(1), sku: z.string().min(1), prices: priceSetInput });
export type SetVariantPricesInput = z.infer<typeof setVariantPricesInput>;

// ── Categories ────────────────────────────────────────────────────────────────────────────────

export const CATEGORY_NAME_MAX = 100;
const categoryName = z.string().trim().min(1).max(CATEGORY_NAME_MAX);

export const createCategoryInput = z.object({
  name: categoryName,
  slug: slugSchema.optional(),
  parentId: z.string().min(1).nullable().default(null),
  position: z.number().int().min(0).default(0),
});
export type CreateCategoryInput = z.infer<typeof createCategoryInput>;
export const renameCategoryInput = z.object({ id: z.string().min(1), name: categoryName });
export const moveCategoryInput = z.object({
  id: z.string().min(1),
  parentId: z.string().min(1).nullable(),
  position: z.number().int().min(0).optional(),
});
export const categoryIdInput = z.object({ id: z.string().min(1) });

/**
 * The ids of a category and all its descendants: what a listing of that category covers, and
 * where it may not move (under itself or below itself would make a cycle).
 */
export function descendantIds(rows: { id: string; parentId: string | null }[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.parentId) continue;
    children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  }
  const out: string[] = [];
  const stack = [rootId];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

// ── Listings and lookups ──────────────────────────────────────────────────────────────────────

/** `rating`: the highest published average first (#27); unreviewed products last. */
export const SORTS = ["relevance", "price_asc", "price_desc", "newest", "rating"] as const;
export type Sort = (typeof SORTS)[number];

/** Products per listing page: the default, and the most one request may ask for. */
export const LIST_LIMIT = { default: 24, max: 100 } as const;
/** Products shown beside one. */
export const RELATED_LIMIT = { default: 8, max: 24 } as const;
/** SKUs or ids per lookup. */
export const LOOKUP_MAX = 100;

/** Filters, sort and page of `catalog.products.list`. */
/**
 * Bounds on a listing's option filter: each option is one sub-query, so an unbounded map (992 keys)
 * made SQLite fail. Values are bounded by PRODUCT_LIMITS.optionValue.
 */
export const LISTING_OPTION_LIMITS = { keys: 20, valuesPerKey: 50 } as const;

export const listInput = z.object({
  /** Full-text query: prefix matching as you type, one-letter typos forgiven. */
  q: z.string().trim().max(200).optional(),
  /** A category slug; its subcategories are included. */
  category: z.string().min(1).max(200).optional(),
  /** Bounds (minor units, inclusive) on the product's "from" price, its lowest variant price. */
  minPrice: z.number().int().min(0).optional(),
  maxPrice: z.number().int().min(0).optional(),
  brands: z.array(z.string().min(1).max(PRODUCT_LIMITS.brand)).min(1).max(50).optional(),
  /** Variant option values, e.g. { colour: ["Blue", "Navy"], size: ["M"] }: any value of each option. */
  options: z
    .record(
      z.string().min(1).max(PRODUCT_LIMITS.optionName),
      z.array(z.string().min(1).max(PRODUCT_LIMITS.optionValue)).min(1).max(LISTING_OPTION_LIMITS.valuesPerKey),
    )
    .refine((o) => Object.keys(o).length <= LISTING_OPTION_LIMITS.keys, {
      message: `at most ${LISTING_OPTION_LIMITS.keys} options`,
    })
    .optional(),
  inStock: z.boolean().optional(),
  /** Only products whose published average rating is at least this ("4★ & up", #27). */
  minRating: z.number().int().min(1).max(5).optional(),
  /** Prices (and price filters, sorts and buckets) in this currency; products not sold in it are left out. EUR when absent. */
  currency: currencySchema.optional(),
  sort: z.enum(SORTS).default("relevance"),
  limit: z.number().int().min(1).max(LIST_LIMIT.max).default(LIST_LIMIT.default),
  cursor: z.string().min(1).max(1000).optional(),
});
export type ListInput = z.infer<typeof listInput>;

/**
 * The admin listing: the shop's filters plus any status. Like the shop's, it lists the products
 * priced in `currency` (EUR when absent): a product sold only in GBP shows with `currency: "GBP"`.
 */
export const adminListInput = listInput.extend({ status: productStatusSchema.optional() });
export type AdminListInput = z.infer<typeof adminListInput>;

export const slugInput = z.object({
  slug: z.string().min(1).max(200),
  /** The currency to show prices in, EUR when absent (each variant also carries its whole price set). */
  currency: currencySchema.optional(),
});
export const skusInput = z.object({
  skus: z.array(z.string().min(1).max(SKU_RULE.maxLength)).min(1).max(LOOKUP_MAX),
  /** The shopper's customer group (#27): its price lists count too. Services only. */
  group: customerGroupIdSchema.optional(),
});
export const idsInput = z.object({
  ids: z.array(z.string().min(1)).min(1).max(LOOKUP_MAX),
  /** Prices in this currency (products not sold in it left out); absent: each product's primary prices. */
  currency: currencySchema.optional(),
});
export const relatedInput = z.object({
  slug: z.string().min(1).max(200),
  limit: z.number().int().min(1).max(RELATED_LIMIT.max).default(RELATED_LIMIT.default),
  /** Prices in this currency, products not sold in it left out; EUR when absent. */
  currency: currencySchema.optional(),
});

// ── Regions ─────────────────────────────────────────────────────────────────────────────────
export const REGION_ID_RULE = { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, maxLength: 64 } as const;
const regionId = z
  .string()
  .min(1)
  .max(REGION_ID_RULE.maxLength)
  .regex(REGION_ID_RULE.pattern, "lower-case letters, digits and single dashes");
export const regionIdInput = z.object({ id: regionId });
/** The region a country belongs to (the default region when none holds it, or no country is given). */
export const resolveRegionInput = z.object({ country: z.string().trim().length(2).optional() });
/**
 * An admin's whole region in one form: its countries, currency, tax basis, providers, shipping
 * options and tax rates. Without `id` it is created (the id made from the name); with one, replaced.
 * A country belongs to at most one region; every tax rate's country must be one of the region's.
 */
export const saveRegionInput = regionRulesSchema.extend({
  id: regionId.optional(),
  /**
   * Makes this the default region (the one shoppers from other countries get); the previous
   * default stops being it. Absent: unchanged (a first region is the default). There is always
   * one default: un-setting it on the default region is refused, make another one the default.
   */
  isDefault: z.boolean().optional(),
});
export type SaveRegionInput = z.input<typeof saveRegionInput>;
export type SaveRegion = z.infer<typeof saveRegionInput>;

/** A region as every `catalog.regions.*` and `catalog.admin.regions.*` procedure answers it. */
export type Region = RegionRules & {
  /** The region of shoppers whose country no region holds. Exactly one region is. */
  isDefault: boolean;
};

// ── Search suggestions (#21) ────────────────────────────────────────────────────────────────

/** Bounds of `catalog.products.suggest`: the longest text it takes and how many of each it answers. */
export const SUGGEST_LIMITS = { q: 100, products: 6, categories: 4 } as const;

/**
 * Suggestions as the shopper types: products whose words start with the typed words (FTS5
 * prefix), and categories whose name does. Blank text is refused naming `q`; punctuation alone
 * suggests nothing.
 */
export const suggestInput = z.object({
  q: z.string().trim().min(1).max(SUGGEST_LIMITS.q),
  /** Prices in this currency, products not sold in it left out; EUR when absent. */
  currency: currencySchema.optional(),
});
export type SuggestInput = z.infer<typeof suggestInput>;

/** What `catalog.products.suggest` answers. */
export interface Suggestions {
  products: {
    slug: string;
    title: string;
    brand: string | null;
    image: { url: string; alt: string } | null;
    minPrice: number;
    currency: Currency;
  }[];
  categories: { slug: string; name: string; parentName: string | null }[];
}

// ── Legal pages (#21) ───────────────────────────────────────────────────────────────────────
/** The shop's legal pages: a fixed list, so a URL can name no other page. */
export const LEGAL_PAGE_SLUGS = ["terms", "privacy", "returns", "imprint"] as const;
export const legalPageSlugSchema = z.enum(LEGAL_PAGE_SLUGS);
export type LegalPageSlug = z.infer<typeof legalPageSlugSchema>;
/** The footer's and the admin's name for each page (the page's own title is the merchant's). */
export const LEGAL_PAGE_LABELS: Readonly<Record<LegalPageSlug, string>> = {
  terms: "Terms and conditions",
  privacy: "Privacy policy",
  returns: "Returns and refunds",
  imprint: "Imprint",
};
/** Bounds of a page: the body is Markdown, shown as text (raw HTML is never rendered). */
export const LEGAL_PAGE_LIMITS = { titleMax: 120, bodyMax: 50_000 } as const;
export const legalPageSlugInput = z.object({ slug: legalPageSlugSchema });
export const saveLegalPageInput = z.object({
  slug: legalPageSlugSchema,
  title: z.string().trim().min(1).max(LEGAL_PAGE_LIMITS.titleMax),
  body: z.string().trim().min(1).max(LEGAL_PAGE_LIMITS.bodyMax),
});
export type SaveLegalPageInput = z.input<typeof saveLegalPageInput>;
/** A page as the storefront reads it (`catalog.pages.bySlug`). `updatedAt` is UTC ISO-8601. */
export interface LegalPage {
  slug: LegalPageSlug;
  title: string;
  body: string;
  updatedAt: string;
}
/** A page as the admin lists it: who saved it last too (null: the demo seed). */
export interface AdminLegalPage extends LegalPage {
  updatedBy: string | null;
}
/** The admin's list: every slug, `page` null for one nobody has written yet. */
export interface AdminLegalPageEntry {
  slug: LegalPageSlug;
  label: string;
  page: AdminLegalPage | null;
}

// ── Search quality (#25) ────────────────────────────────────────────────────────────────────
/** Bounds of the staff-edited synonyms: single words, as the search tokenizer splits them. */
export const SYNONYM_LIMITS = { wordMax: 40, entries: 1_000 } as const;
const synonymWord = z
  .string()
  .trim()
  .min(1)
  .max(SYNONYM_LIMITS.wordMax)
  .transform((v) =>
    v
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase(),
  )
  .refine((v) => /^[\p{L}\p{N}]+$/u.test(v), { message: "one word of letters and digits (no spaces or punctuation)" });
/**
 * A synonym: searching `word` also finds products with `synonym`; with `twoWay` (the default),
 * searching `synonym` also finds `word`. Adding an existing pair replaces its direction.
 */
export const saveSynonymInput = z
  .object({ word: synonymWord, synonym: synonymWord, twoWay: z.boolean().default(true) })
  .refine((v) => v.word !== v.synonym, { path: ["synonym"], message: "a word is not its own synonym" });
export type SaveSynonymInput = z.input<typeof saveSynonymInput>;
export const removeSynonymInput = z.object({ word: synonymWord, synonym: synonymWord });
/** A synonym as the admin lists it; `createdAt` is UTC ISO-8601, `createdBy` null for a seed. */
export interface SearchSynonym {
  word: string;
  synonym: string;
  twoWay: boolean;
  createdAt: string;
  createdBy: string | null;
}
export const DID_YOU_MEAN_LIMITS = { q: 200 } as const;
export const didYouMeanInput = z.object({ q: z.string().trim().min(1).max(DID_YOU_MEAN_LIMITS.q) });
/** The nearest spelling the shop knows for a search that found nothing (null: none finds anything). */
export interface DidYouMean {
  suggestion: string | null;
}
// ── CSV import and export (#24) ──────────────────────────────────────────────────────────────

/**
 * The product CSV, one row per variant. A product's rows share its `handle` (its slug) and follow
 * one another; its own columns (title, description, status, brand, tax_class, categories, images)
 * are read from its first row. Prices are integer minor units, one price column (and an optional
 * compare-at column) per currency: `price_eur` 2999 is €29.99. `stock` sets the SKU's on-hand
 * quantity in inventory (left alone when empty). `categories` are paths of category slugs
 * (`clothing/shirts`), several separated by `|`; `images` are URLs separated by `|`; `options`
 * are `name=value` pairs separated by `;`. The export writes the same columns, so an export
 * imported again changes nothing.
 */
/** The product CSV's header, every column (the list itself is `PRODUCT_CSV_COLUMNS` in domain/import-rows.ts). */
export const PRODUCT_CSV_HEADER = [
  "handle",
  "title",
  "description",
  "status",
  "brand",
  "tax_class",
  "categories",
  "images",
  "sku",
  "options",
  "weight_grams",
  ...CURRENCIES.flatMap((c) => [`price_${c.toLowerCase()}`, `compare_at_${c.toLowerCase()}`]),
  "stock",
].join(",");

/** The largest stock a row may set (inventory's MAX_QUANTITY, its bound on one quantity). */
export const IMPORT_MAX_STOCK = 10_000;
/** At most this many row errors are kept on a job (the count goes on). */
export const IMPORT_MAX_REPORTED_ERRORS = 1000;
/**
 * The biggest file the admin's upload takes: it travels as one tRPC call through the gateway,
 * whose body limit is 1 MiB. Bigger files go through the CLI (`bun run catalog:import`).
 */
export const IMPORT_UPLOAD_MAX_CHARS = 900_000;

/** One problem with the file: the line it is on (1 = the header) and the column (field) it names. */
export const importRowError = z.object({ line: z.number().int(), column: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowError>;

export const IMPORT_JOB_STATUSES = ["running", "complete", "stopped"] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
/** validating: reading the file without writing (a dry run, or a strict run's first pass); importing: writing. */
export const IMPORT_PHASES = ["validating", "importing", "finished"] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export const importCounts = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Products left out because one of their rows is bad. */
  failed: z.number().int(),
  categoriesCreated: z.number().int(),
  /** SKUs whose on-hand stock the import changed in inventory. */
  stockSet: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

export const importJob = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_JOB_STATUSES),
  phase: z.enum(IMPORT_PHASES),
  dryRun: z.boolean(),
  strict: z.boolean(),
  /** 0 to 1 over the whole job (a strict import reads the file twice: validation is the first half). */
  progress: z.number().min(0).max(1),
  counts: importCounts,
  errors: importRowError.array(),
  errorCount: z.number().int(),
  /** Why the job stopped, when it failed as a whole (an unreadable file, a missing column). */
  failure: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const startImportInput = z.object({
  fileName: z.string().trim().min(1).max(200).default("upload.csv"),
  csv: z.string().min(1).max(IMPORT_UPLOAD_MAX_CHARS),
  dryRun: z.boolean().default(false),
  strict: z.boolean().default(false),
});
export type StartImportInput = z.input<typeof startImportInput>;
export const importJobIdInput = z.object({ id: z.string().min(1) });

/** The product CSV export's page: the shape every CSV export shares (products per page, CSV text, next cursor). */
export { EXPORT_PAGE_SIZE, type ExportPage, exportPage, exportPageInput } from "@mercato/events/schemas";
export * from "./contract-price-lists.ts";
