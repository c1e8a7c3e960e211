import { z } from "zod";

export const SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type Sort = (typeof SORTS)[number];

/** Filters, sort and page of `catalog.products.list`. */
export const listInput = z.object({
  /** Full-text query: prefix matching as you type, one-letter typos forgiven. */
  q: z.string().trim().max(200).optional(),
  /** A category slug; its subcategories are included. */
  category: z.string().min(1).max(200).optional(),
  /** Bounds (minor units, inclusive) on the product's "from" price, its lowest variant price. */
  minPrice: z.number().int().min(0).optional(),
  maxPrice: z.number().int().min(0).optional(),
  brands: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
  /** Variant option values, e.g. { colour: ["Blue", "Navy"], size: ["M"] }: any value of each option. */
  options: z.record(z.string().min(1).max(50), z.array(z.string().min(1).max(100)).min(1).max(50)).optional(),
  inStock: z.boolean().optional(),
  sort: z.enum(SORTS).default("relevance"),
  limit: z.number().int().min(1).max(100).default(24),
  cursor: z.string().min(1).max(1000).optional(),
});
export type ListInput = z.infer<typeof listInput>;

export const adminListInput = listInput.extend({
  status: z.enum(["draft", "active", "archived"]).optional(),
});
export type AdminListInput = z.infer<typeof adminListInput>;

export const slugInput = z.object({ slug: z.string().min(1).max(200) });
export const skusInput = z.object({ skus: z.array(z.string().min(1).max(64)).min(1).max(100) });
export const idsInput = z.object({ ids: z.array(z.string().min(1)).min(1).max(100) });
export const relatedInput = z.object({
  slug: z.string().min(1).max(200),
  limit: z.number().int().min(1).max(24).default(8),
});
