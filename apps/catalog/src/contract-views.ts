/**
 * What the catalog's shop-facing reads answer, as zod (#24): the REST document describes them from
 * these, and the procedures that carry REST meta check their answers against them. Pure (zod and
 * the contract), like the contract. Over tRPC (superjson) a time is a Date; over REST (plain JSON)
 * its ISO-8601 UTC string.
 */
import {
  paymentProviderSchema,
  shippingRuleSchema,
  shippingSpeedSchema,
  taxClassSchema,
  taxProviderNameSchema,
} from "@mercato/pricing";
import { z } from "zod";
import {
  CURRENCIES,
  LIST_LIMIT,
  LISTING_OPTION_LIMITS,
  PRODUCT_LIMITS,
  PRODUCT_STATUSES,
  productKindSchema,
  SORTS,
  TAX_CLASSES,
} from "./contract.ts";

const currency = z.enum(CURRENCIES);
/** A time: a Date over tRPC, its ISO-8601 UTC string in REST's JSON. */
const viewTime = z.date().meta({ format: "date-time", description: "UTC, ISO-8601 in JSON" });
const minorUnits = z.number().int();
/** `sku`: the variant an uploaded image shows (absent: the product as a whole). */
const image = z.object({ url: z.string(), alt: z.string(), sku: z.string().optional() });

/** A product's own fields, as every product read answers them. */
const productFields = {
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  brand: z.string().nullable(),
  images: z.array(image),
  attributes: z.record(z.string(), z.string()),
  /** The "from" price (lowest variant price, minor units) in `currency`. */
  minPrice: minorUnits,
  currency,
  taxClass: z.enum(TAX_CLASSES),
  /** Goods, or a gift card (#27): its page asks who the card is for. */
  kind: productKindSchema,
  inStock: z.boolean(),
  createdAt: viewTime,
  updatedAt: viewTime,
  /** Who sells it (#20): null = the shop. */
  ownerId: z.string().nullable(),
  /** The currencies some variant of the product has a price in. */
  currencies: z.array(currency),
  categoryIds: z.array(z.string()),
  /** Its published reviews (#27): average (null: none yet), count, and per-star counts (1★ first). */
  rating: z.object({
    average: z.number().nullable(),
    count: z.number().int(),
    histogram: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
  }),
};

/** A variant priced in the read's currency (minor units). */
const variantFields = {
  sku: z.string(),
  productId: z.string(),
  /** { size: "M", colour: "Blue" } */
  options: z.record(z.string(), z.string()),
  price: minorUnits,
  compareAtPrice: minorUnits.nullable(),
  currency,
  weightGrams: z.number().int(),
  available: z.number().int(),
  position: z.number().int(),
};

export const variantPriceSchema = z.object({ currency, amount: minorUnits, compareAtAmount: minorUnits.nullable() });

/** A listing card: the variants priced in the listing's currency only. */
export const productSummarySchema = z
  .object({ ...productFields, variants: z.array(z.object(variantFields)) })
  .meta({ id: "ProductSummary" });

export const categorySchema = z
  .object({ id: z.string(), parentId: z.string().nullable(), slug: z.string(), name: z.string(), position: z.number() })
  .meta({ id: "Category" });

/** A product page: each variant with its whole price set too, the product's categories and breadcrumbs. */
export const productDetailSchema = z
  .object({
    ...productFields,
    variants: z.array(z.object({ ...variantFields, prices: z.array(variantPriceSchema) })),
    categories: z.array(categorySchema),
    /** The path from the root to the product's first category. */
    breadcrumbs: z.array(categorySchema),
  })
  .meta({ id: "ProductDetail" });

/** A listing's facets: counts over the whole filtered set, each facet left out of its own filter. */
export const facetsSchema = z.object({
  categories: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      parentId: z.string().nullable(),
      depth: z.number().int(),
      count: z.number().int(),
    }),
  ),
  brands: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
  /** "from" price buckets [min, max), minor units; max null for the last. */
  price: z.array(z.object({ min: minorUnits, max: minorUnits.nullable(), count: z.number().int() })),
  options: z.array(
    z.object({ name: z.string(), values: z.array(z.object({ value: z.string(), count: z.number().int() })) }),
  ),
  inStock: z.number().int(),
  /** Matching products per "N★ & up" threshold (#27), left out of its own filter. */
  ratings: z.array(z.object({ min: z.number().int(), count: z.number().int() })),
});

export const productListSchema = z
  .object({
    items: z.array(productSummarySchema),
    /** Null on the last page; else pass it as `cursor` for the next. */
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    facets: facetsSchema,
  })
  .meta({ id: "ProductList" });

interface CategoryNodeShape {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  position: number;
  children: CategoryNodeShape[];
}
/** The category forest, children by position then name. */
export const categoryNodeSchema: z.ZodType<CategoryNodeShape> = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    slug: z.string(),
    name: z.string(),
    position: z.number(),
    get children() {
      return z.array(categoryNodeSchema);
    },
  })
  .meta({ id: "CategoryNode" });

export const suggestionsSchema = z.object({
  products: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      brand: z.string().nullable(),
      image: image.nullable(),
      minPrice: minorUnits,
      currency,
    }),
  ),
  categories: z.array(z.object({ slug: z.string(), name: z.string(), parentName: z.string().nullable() })),
});

export const didYouMeanSchema = z.object({ suggestion: z.string().nullable() });

/**
 * A region as the shop reads it (`catalog.regions.*`): pricing's region rules as they are stored
 * (upper-case codes, defaults filled), spelt out here because the rules' schema is an input's:
 * it trims and upper-cases, which an answer's description cannot say.
 */
export const regionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    currency,
    /** ISO 3166-1 alpha-2 codes. */
    countries: z.array(z.string()),
    /** Where tax is estimated before an address is known. */
    defaultCountry: z.string(),
    /** Prices include tax (EU/UK) or tax is added on top (US). */
    taxInclusive: z.boolean(),
    taxProvider: taxProviderNameSchema,
    paymentProviders: z.array(paymentProviderSchema),
    /** The options on offer (the shop sees the active ones only). */
    shippingOptions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        speed: shippingSpeedSchema,
        rule: shippingRuleSchema,
        minDays: z.number().int(),
        maxDays: z.number().int(),
        taxClass: taxClassSchema,
        active: z.boolean(),
      }),
    ),
    taxRates: z.array(
      z.object({
        country: z.string(),
        subdivision: z.string().nullable(),
        taxClass: taxClassSchema,
        rateBps: z.number().int(),
        name: z.string(),
      }),
    ),
    /** The region of shoppers whose country no region holds. Exactly one region is. */
    isDefault: z.boolean(),
  })
  .meta({ id: "Region" });

/**
 * What a staff product write answers (create, update, archive, restore, prices): the product as
 * its catalog.product.* event carries it, each variant with its primary price.
 */
export const productChangeSchema = z
  .object({
    productId: z.string(),
    slug: z.string(),
    title: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    categoryIds: z.array(z.string()),
    /** Who sells it (#20): null = the shop. Defaults as in the event's schema. */
    ownerId: z.string().nullable().default(null),
    brand: z.string().nullable().default(null),
    /** Each variant's primary price (EUR when it has one, else its first), minor units. */
    variants: z.array(z.object({ sku: z.string(), price: minorUnits, currency })),
    kind: productKindSchema.default("standard"),
  })
  .meta({ id: "ProductChange" });

// ── The listing in a URL (GET /api/v1/products) ────────────────────────────────────────────────

/** `colour:Blue`: an option filter as one query value (`option=colour:Blue&option=size:M`). */
const OPTION_FILTER = /^([^:]{1,50}):(.{1,100})$/;

/**
 * `catalog.products.list`'s filters as query parameters: the same names, but `options` (a record,
 * which a query string cannot carry) is `option=name:value`, repeated, and `inStock` is the text
 * `true`/`false`. Numbers are their own schemas, not the list's: the REST adapter marks the number
 * schemas of its inputs as coercing, which must not change what the tRPC list accepts.
 */
export const browseInput = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().min(1).max(200).optional(),
  minPrice: z.number().int().min(0).optional(),
  maxPrice: z.number().int().min(0).optional(),
  brands: z.array(z.string().min(1).max(PRODUCT_LIMITS.brand)).min(1).max(50).optional(),
  option: z
    .array(z.string().regex(OPTION_FILTER, "name:value, e.g. colour:Blue"))
    .min(1)
    .max(LISTING_OPTION_LIMITS.keys * LISTING_OPTION_LIMITS.valuesPerKey)
    .refine((list) => new Set(list.map((o) => o.split(":", 1)[0])).size <= LISTING_OPTION_LIMITS.keys, {
      message: `at most ${LISTING_OPTION_LIMITS.keys} options`,
    })
    .optional(),
  inStock: z.enum(["true", "false"]).optional(),
  minRating: z.coerce.number().int().min(1).max(5).optional(),
  currency: currency.optional(),
  sort: z.enum(SORTS).default("relevance"),
  limit: z.number().int().min(1).max(LIST_LIMIT.max).default(LIST_LIMIT.default),
  cursor: z.string().min(1).max(1000).optional(),
});
export type BrowseInput = z.infer<typeof browseInput>;

/** The staff listing in a query string (`GET /admin/products`): the shop's, plus any `status`. */
export const adminBrowseInput = browseInput.extend({ status: z.enum(PRODUCT_STATUSES).optional() });

/** `option=colour:Blue&option=colour:Navy` → `{ colour: ["Blue", "Navy"] }`. */
export function optionFilters(list: readonly string[] | undefined): Record<string, string[]> | undefined {
  if (!list) return undefined;
  const out: Record<string, string[]> = {};
  for (const entry of list) {
    const [, name = "", value = ""] = entry.match(OPTION_FILTER) ?? [];
    out[name] = [...new Set([...(out[name] ?? []), value])];
  }
  return out;
}
