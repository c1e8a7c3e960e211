import { invalid, notFound } from "@mercato/kit/errors";
import {
  type AdminListInput,
  type Currency,
  descendantIds,
  PRIMARY_CURRENCY,
  type ProductStatus,
} from "../contract.ts";

/** A listing's filters once checked: what the SQL of a page and of its facets must select. */
export interface ListingScope {
  /** The one status listed, or null for every status (an admin who did not pick one). */
  status: ProductStatus | null;
  /** Prices, price filters, sorts and buckets are in this currency; products not sold in it are left out. */
  currency: Currency;
  minPrice?: number;
  maxPrice?: number;
  brands?: string[];
  /** Option name → accepted values, each list sorted, in name order. */
  options: [name: string, values: string[]][];
  inStock: boolean;
  /** The least published average rating (1–5), when filtered on (#27). */
  minRating?: number;
  /** The asked category and every category below it; null when the listing is not narrowed. */
  categoryIds: string[] | null;
}

/**
 * Checks a listing's filters against the rules: the public sees active products only, a price
 * range must not be crossed, and a category is named by a slug that exists.
 */
export function listingScope(
  input: AdminListInput,
  cats: { id: string; parentId: string | null; slug: string }[],
  includeHidden: boolean,
): ListingScope {
  if (input.minPrice !== undefined && input.maxPrice !== undefined && input.minPrice > input.maxPrice) {
    throw invalid("maxPrice", "must not be below minPrice");
  }
  let categoryIds: string[] | null = null;
  if (input.category) {
    const category = cats.find((c) => c.slug === input.category);
    if (!category) throw notFound("category", `no category "${input.category}"`);
    categoryIds = descendantIds(cats, category.id);
  }
  return {
    status: includeHidden ? (input.status ?? null) : "active",
    currency: input.currency ?? PRIMARY_CURRENCY,
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    brands: input.brands ? [...input.brands].sort() : undefined,
    options: Object.entries(input.options ?? {})
      .map(([name, values]): [string, string[]] => [name, [...values].sort()])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    inStock: input.inStock ?? false,
    minRating: input.minRating,
    categoryIds,
  };
}

/**
 * The facet cache key of a listing: its scope and its resolved search, not its sort or page, so
 * every page and sort of one filtered set shares one count.
 */
export function facetKey(scope: ListingScope, match: string | null): string {
  return JSON.stringify([scope, match]);
}
