import { currencySchema, minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { productKindSchema, skuSchema } from "./common.ts";

const productSnapshot = z.object({
  productId: z.string(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(["draft", "active", "archived"]),
  categoryIds: z.array(z.string()),
  /** Who sells it (#20): null = the shop, else the seller's user id. Older events: null. */
  ownerId: z.string().nullable().default(null),
  /** The product's brand (#23, for analytics). Older events: null. */
  brand: z.string().nullable().default(null),
  variants: z.array(z.object({ sku: skuSchema, price: minorUnitsSchema, currency: currencySchema })),
  /** A gift card (#27): inventory keeps no stock of its SKUs. Older events: goods. */
  kind: productKindSchema.default("standard"),
});

export const ProductCreated = defineEvent("catalog.product.created", 1, productSnapshot);
export const ProductUpdated = defineEvent("catalog.product.updated", 1, productSnapshot);
export const ProductArchived = defineEvent("catalog.product.archived", 1, productSnapshot);

/**
 * The category tree changed (#25): a category was created, renamed, moved or deleted. It names the
 * category, not the tree: a reader (the edge replica's sync) copies the tree as it is when it
 * handles the event, so a late or repeated event copies the current tree again.
 */
export const CategoryChanged = defineEvent(
  "catalog.category.changed",
  1,
  z.object({ categoryId: z.string(), change: z.enum(["created", "renamed", "moved", "deleted"]) }),
);

/**
 * A storefront search, sampled by the catalog (`SEARCH_EVENT_SAMPLE_RATE`): the text, how many
 * products it found and the filters it had (#23, for analytics' zero-result searches). No user id,
 * no address, no token: who searched is not recorded. Searches the gateway answers from its cache
 * never reach the catalog and are not sampled.
 */
export const SearchPerformed = defineEvent(
  "catalog.search.performed",
  1,
  z.object({
    query: z.string().min(1).max(200),
    results: z.number().int().min(0),
    filters: z.object({
      category: z.string().max(200).nullable(),
      brands: z.array(z.string().max(100)).max(50),
      minPrice: minorUnitsSchema.nullable(),
      maxPrice: minorUnitsSchema.nullable(),
      inStock: z.boolean().nullable(),
      currency: currencySchema.nullable(),
      /** Option names filtered on (their values are not kept). */
      options: z.array(z.string().max(100)).max(20),
    }),
    /** The rate the event was sampled at (0 < rate ≤ 1): one event stands for 1 / rate searches. */
    sampleRate: z.number().gt(0).max(1),
  }),
);
