import { categoryTree } from "../app/category-tree.ts";
import { listProducts } from "../app/list-products.ts";
import { productsByIds, variantsBySkus } from "../app/product-lookups.ts";
import { productBySlug, relatedProducts } from "../app/product-page.ts";
import { suggest } from "../app/suggest.ts";
import { idsInput, listInput, relatedInput, skusInput, slugInput, suggestInput } from "../contract.ts";
import { CACHE, setPublicCache } from "../http/cache-headers.ts";
import { publicProcedure, router } from "./trpc.ts";

const shopper = { includeHidden: false };

/**
 * The catalog's public reads, served at the edge from a D1 replica. Same names, inputs and
 * answers as the service's public procedures; no admin and no user-specific views here.
 */
export const edgeRouter = router({
  catalog: router({
    products: router({
      list: publicProcedure.input(listInput).query(async ({ ctx, input }) => {
        const result = await listProducts(ctx.db, input, { ...shopper, facetCache: ctx.facetCache });
        setPublicCache(ctx.resHeaders, CACHE.listing);
        return result;
      }),
      /** Products and categories for what the shopper is typing (#21): prefix matches, a few of each, cacheable. */
      suggest: publicProcedure.input(suggestInput).query(async ({ ctx, input }) => {
        const found = await suggest(ctx.db, input);
        setPublicCache(ctx.resHeaders, CACHE.listing);
        return found;
      }),

      bySlug: publicProcedure.input(slugInput).query(async ({ ctx, input }) => {
        const product = await productBySlug(ctx.db, input.slug, shopper, input.currency);
        setPublicCache(ctx.resHeaders, CACHE.product);
        return product;
      }),
      related: publicProcedure.input(relatedInput).query(async ({ ctx, input }) => {
        const items = await relatedProducts(ctx.db, input.slug, input.limit, input.currency);
        setPublicCache(ctx.resHeaders, CACHE.product);
        return items;
      }),
      bySkus: publicProcedure.input(skusInput).query(async ({ ctx, input }) => {
        const found = await variantsBySkus(ctx.db, input.skus, shopper);
        setPublicCache(ctx.resHeaders, CACHE.revalidate);
        return found;
      }),
      byIds: publicProcedure.input(idsInput).query(async ({ ctx, input }) => {
        const found = await productsByIds(ctx.db, input.ids, shopper, input.currency);
        setPublicCache(ctx.resHeaders, CACHE.product);
        return found;
      }),
    }),
    categories: router({
      tree: publicProcedure.query(async ({ ctx }) => {
        const tree = await categoryTree(ctx.db);
        setPublicCache(ctx.resHeaders, CACHE.tree);
        return tree;
      }),
    }),
  }),
});

export type EdgeRouter = typeof edgeRouter;
