import { can } from "@mercato/access";
import { forbidden } from "@mercato/kit";
import { nextPublicBoundary, upcomingPublicBoundaries, withSalePrices } from "../app/effective-prices.ts";
import { listProducts } from "../app/list-products.ts";
import { productsByIds, variantsBySkus } from "../app/product-lookups.ts";
import { productBySlug, relatedProducts } from "../app/product-page.ts";
import { recordSearch } from "../app/record-search.ts";
import { shopDidYouMean } from "../app/search.ts";
import { suggest } from "../app/suggest.ts";
import {
  didYouMeanInput,
  idsInput,
  type ListInput,
  listInput,
  relatedInput,
  skusInput,
  slugInput,
  suggestInput,
} from "../contract.ts";
import {
  browseInput,
  didYouMeanSchema,
  optionFilters,
  productDetailSchema,
  productListSchema,
  suggestionsSchema,
} from "../contract-views.ts";
import type { CatalogDeps } from "../deps.ts";
import { CACHE, cappedAt, setPrivate, setPublicCache } from "../http/cache-headers.ts";
import { publicProcedure, router } from "../trpc.ts";

/** The shop's listing as `list` and `browse` both answer it: active products, the search recorded, publicly cacheable. */
async function shopListing(deps: CatalogDeps, resHeaders: Headers, input: ListInput) {
  const now = new Date();
  const listed = await listProducts(deps.db.orm, input, { includeHidden: false, index: deps.listingIndex });
  const result = { ...listed, items: await withSalePrices(deps.db.orm, listed.items, now) };
  recordSearch(deps, input, result.total);
  await setSaleAwareCache(deps, resHeaders, CACHE.listing, now);
  return result;
}

/** A public answer's cache headers, its lifetime capped at the next sale's start or end (#27). */
async function setSaleAwareCache(deps: CatalogDeps, headers: Headers, cache: string, now: Date) {
  setPublicCache(headers, cappedAt(cache, await nextPublicBoundary(deps.db.orm, now), now));
}

export const productsRouter = router({
  /** Active products with filters, search, sorts, cursor pages, facets and total. */
  list: publicProcedure.input(listInput).query(({ ctx, input }) => shopListing(ctx.deps, ctx.resHeaders, input)),

  /**
   * The listing as REST's `GET /products` (#24): the list's filters in a query string (`option`
   * and `inStock` as text, see browseInput), the same listing, facets, cache and search record.
   */
  browse: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/products",
        tags: ["catalog"],
        summary: "Products: search, filters, facets and cursor pages",
        protect: false,
      },
    })
    .input(browseInput)
    .output(productListSchema)
    .query(({ ctx, input: { option, inStock, ...rest } }) =>
      shopListing(ctx.deps, ctx.resHeaders, {
        ...rest,
        options: optionFilters(option),
        inStock: inStock === undefined ? undefined : inStock === "true",
      }),
    ),

  /** Products and categories for what the shopper is typing (#21): prefix matches, a few of each, cacheable. */
  suggest: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/search/suggestions",
        tags: ["catalog"],
        summary: "Suggestions as the shopper types",
        protect: false,
      },
    })
    .input(suggestInput)
    .output(suggestionsSchema)
    .query(async ({ ctx, input }) => {
      const found = await suggest(ctx.deps.db.orm, input);
      setPublicCache(ctx.resHeaders, CACHE.listing);
      return found;
    }),

  /** For a search that found nothing (#25): the nearest spelling the shop knows that finds something. */
  didYouMean: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/search/did-you-mean",
        tags: ["catalog"],
        summary: "The nearest spelling that finds something",
        protect: false,
      },
    })
    .input(didYouMeanInput)
    .output(didYouMeanSchema)
    .query(async ({ ctx, input }) => {
      const found = await shopDidYouMean(ctx.deps.db.orm, input.q);
      setPublicCache(ctx.resHeaders, CACHE.listing);
      return found;
    }),

  /** A product page. Staff with catalog.write also see drafts and archived products (and get a private response). */
  bySlug: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/products/{slug}",
        tags: ["catalog"],
        summary: "A product page",
        protect: false,
      },
    })
    .input(slugInput)
    .output(productDetailSchema)
    .query(async ({ ctx, input }) => {
      const isAdmin = can(ctx.user, "catalog.write");
      const now = new Date();
      const found = await productBySlug(ctx.deps.db.orm, input.slug, { includeHidden: isAdmin }, input.currency);
      const [product = found] = await withSalePrices(ctx.deps.db.orm, [found], now);
      if (isAdmin) setPrivate(ctx.resHeaders);
      else await setSaleAwareCache(ctx.deps, ctx.resHeaders, CACHE.product, now);
      return product;
    }),

  /** Products to show beside one: shared categories first, then its brand. */
  related: publicProcedure.input(relatedInput).query(async ({ ctx, input }) => {
    const now = new Date();
    const related = await relatedProducts(ctx.deps.db.orm, input.slug, input.limit, input.currency);
    const items = await withSalePrices(ctx.deps.db.orm, related, now);
    await setSaleAwareCache(ctx.deps, ctx.resHeaders, CACHE.product, now);
    return items;
  }),

  /**
   * When public prices change next (#27): the coming starts and ends of sales for everyone. The
   * storefront's server keys its cached catalog reads by the last one passed, so a page cached
   * during a sale is not served after it ends.
   */
  priceBoundaries: publicProcedure.query(async ({ ctx }) => {
    const boundaries = await upcomingPublicBoundaries(ctx.deps.db.orm, new Date());
    setPublicCache(ctx.resHeaders, CACHE.listing);
    return boundaries;
  }),

  /** Sellable variants by SKU with their product's title and image: for carts and orders. */
  /** Drafts and archived products only for admins and services (carts and orders); the public sees active ones. */
  /**
   * Each variant also answers `effectivePrices` (#27): what a shopper pays now in each currency,
   * with the price list that gives it; `group` (a customer group) is for services only (carts and
   * orders, who know the shopper), as a group's prices are not public.
   */
  bySkus: publicProcedure.input(skusInput).query(async ({ ctx, input }) => {
    const privileged = can(ctx.user, "catalog.write") || ctx.caller !== null;
    if (input.group && ctx.caller === null) throw forbidden("group", "only services price for a customer group");
    const found = await variantsBySkus(
      ctx.deps.db.orm,
      input.skus,
      { includeHidden: privileged },
      { group: input.group ?? null, now: new Date() },
    );
    if (privileged) setPrivate(ctx.resHeaders);
    else setPublicCache(ctx.resHeaders, CACHE.revalidate);
    return found;
  }),

  /** Products by id: active ones for the public, any status for admins and services. */
  byIds: publicProcedure.input(idsInput).query(async ({ ctx, input }) => {
    const privileged = can(ctx.user, "catalog.write") || ctx.caller !== null;
    const now = new Date();
    const byId = await productsByIds(ctx.deps.db.orm, input.ids, { includeHidden: privileged }, input.currency);
    const found = await withSalePrices(ctx.deps.db.orm, byId, now);
    if (privileged) setPrivate(ctx.resHeaders);
    else await setSaleAwareCache(ctx.deps, ctx.resHeaders, CACHE.product, now);
    return found;
  }),
});
