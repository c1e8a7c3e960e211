import { type Currency, listInput as catalogListInput, LIST_LIMIT, type Sort } from "@mercato/catalog/contract";
import type { CatalogInputs } from "@mercato/client";

export type { Sort };

/** The catalog's sorts, with the words shown for them. */
export const SORT_LABELS = {
  relevance: "Relevance",
  newest: "Newest",
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
  rating: "Customer rating",
} as const satisfies Record<Sort, string>;

export const PAGE_SIZE = LIST_LIMIT.default;

/**
 * The longest search the catalog takes (its contract's bound on `q`, read from the schema so the
 * two cannot drift): a longer query made the listing call fail and the page crash.
 */
export const SEARCH_MAX_LENGTH: number = (() => {
  const max = catalogListInput.shape.q.unwrap().maxLength;
  if (max === null) throw new Error("catalog.products.list q has no maximum length");
  return max;
})();

/** A search as the catalog takes it: trimmed, and cut to its bound (then trimmed again). */
export function boundQuery(text: string): string {
  return text.trim().slice(0, SEARCH_MAX_LENGTH).trim();
}
/** Whole pages, as many as the catalog answers in one request. */
const MAX_SHOWN = LIST_LIMIT.max - (LIST_LIMIT.max % PAGE_SIZE);

/**
 * Everything a listing shows lives in the URL, so a filtered page can be shared and the back
 * button restores it. Prices are minor units; options are `o.<name>=<value>` (repeatable).
 */
export interface ListingState {
  q?: string;
  /** A category narrowing a search (a category page has it in its path instead). */
  category?: string;
  brands: string[];
  minPrice?: number;
  maxPrice?: number;
  options: Record<string, string[]>;
  inStock: boolean;
  /** "N★ & up" (#27): the least average rating. */
  minRating?: number;
  sort?: Sort;
  /** How many products are shown: "Load more" raises it by a page. */
  shown: number;
}

export type SearchParams = Record<string, string | string[] | undefined>;

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v: string | string[] | undefined): string | undefined => list(v)[0];

function wholeNumber(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d{1,9}$/.test(v)) return undefined;
  return Number(v);
}

/** A rating filter from the URL, when it is one the catalog takes (1 to 5). */
function ratingParam(v: string | undefined): number | undefined {
  const n = wholeNumber(v);
  const { minValue, maxValue } = catalogListInput.shape.minRating.unwrap();
  return n !== undefined && n >= (minValue ?? 1) && n <= (maxValue ?? 5) ? n : undefined;
}

/** Reads a listing from search params, ignoring anything malformed rather than failing the page. */
export function parseListing(params: SearchParams): ListingState {
  const options: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith("o.") && key.length > 2) options[key.slice(2)] = list(value).filter(Boolean);
  }
  const sort = first(params.sort);
  const shown = wholeNumber(first(params.shown));
  const q = boundQuery(first(params.q) ?? "");
  const category = first(params.cat);
  return {
    ...(q ? { q } : {}),
    ...(category ? { category } : {}),
    brands: list(params.brand).filter(Boolean),
    minPrice: wholeNumber(first(params.min)),
    maxPrice: wholeNumber(first(params.max)),
    options,
    inStock: first(params.stock) === "1",
    ...(ratingParam(first(params.rating)) ? { minRating: ratingParam(first(params.rating)) } : {}),
    ...(sort && sort in SORT_LABELS ? { sort: sort as Sort } : {}),
    shown: Math.min(MAX_SHOWN, Math.max(PAGE_SIZE, shown ?? PAGE_SIZE)),
  };
}

/** The query string of a listing (without "?"), in a stable order. */
export function listingQuery(state: ListingState): string {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  if (state.category) p.set("cat", state.category);
  for (const b of state.brands) p.append("brand", b);
  if (state.minPrice !== undefined) p.set("min", String(state.minPrice));
  if (state.maxPrice !== undefined) p.set("max", String(state.maxPrice));
  for (const [name, values] of Object.entries(state.options)) for (const v of values) p.append(`o.${name}`, v);
  if (state.inStock) p.set("stock", "1");
  if (state.minRating !== undefined) p.set("rating", String(state.minRating));
  if (state.sort) p.set("sort", state.sort);
  if (state.shown > PAGE_SIZE) p.set("shown", String(state.shown));
  return p.toString();
}

/** The catalog request for a listing in the shopper's currency (optionally inside one category). */
export function listInput(
  state: ListingState,
  currency: Currency,
  pathCategory?: string,
): CatalogInputs["products"]["list"] {
  const category = pathCategory ?? state.category;
  const options = Object.fromEntries(Object.entries(state.options).filter(([, v]) => v.length > 0));
  const { minPrice, maxPrice } = state;
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(category ? { category } : {}),
    ...(state.brands.length ? { brands: state.brands } : {}),
    ...(minPrice !== undefined ? { minPrice } : {}),
    // A swapped range is read the way the shopper meant it.
    ...(maxPrice !== undefined ? { maxPrice: minPrice !== undefined ? Math.max(minPrice, maxPrice) : maxPrice } : {}),
    ...(Object.keys(options).length ? { options } : {}),
    ...(state.inStock ? { inStock: true } : {}),
    ...(state.minRating !== undefined ? { minRating: state.minRating } : {}),
    sort: state.sort ?? (state.q ? "relevance" : "newest"),
    limit: state.shown,
    currency,
  };
}

/** Whether any filter (not the query, sort or page size) is set. */
export function hasFilters(state: ListingState): boolean {
  return (
    state.brands.length > 0 ||
    state.minPrice !== undefined ||
    state.maxPrice !== undefined ||
    state.inStock ||
    state.minRating !== undefined ||
    Object.values(state.options).some((v) => v.length > 0)
  );
}

/** How many filter values are chosen (each brand, option value, price range and "in stock" one). */
export function activeFilters(state: ListingState): number {
  return (
    state.brands.length +
    Object.values(state.options).reduce((n, v) => n + v.length, 0) +
    (state.minPrice !== undefined || state.maxPrice !== undefined ? 1 : 0) +
    (state.inStock ? 1 : 0) +
    (state.minRating !== undefined ? 1 : 0)
  );
}

/** The distinct option values (colour, size...) of some products, for the option filters. */
export function optionValues(products: { variants: { options: Record<string, string> }[] }[]) {
  const byName = new Map<string, Set<string>>();
  for (const p of products)
    for (const v of p.variants)
      for (const [name, value] of Object.entries(v.options)) {
        if (!byName.has(name)) byName.set(name, new Set());
        byName.get(name)!.add(value);
      }
  return [...byName].map(([name, values]) => ({ name, values: [...values].sort(compareOptionValues) }));
}

/** Sizes read best in their own order (XS before S, 28 before 30); anything else alphabetically. */
const SIZE_ORDER = ["XXS", "XS", "S", "M", "L", "XL", "XXL"];
export function compareOptionValues(a: string, b: string): number {
  const ia = SIZE_ORDER.indexOf(a);
  const ib = SIZE_ORDER.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  const na = Number.parseFloat(a);
  const nb = Number.parseFloat(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a.localeCompare(b);
}
