import { legalPageBySlug } from "../app/read-legal-pages.ts";
import { legalPageSlugInput } from "../contract.ts";
import { CACHE, setPublicCache } from "../http/cache-headers.ts";
import { publicProcedure, router } from "../trpc.ts";

/** The shop's legal pages (#21), as shoppers read them. */
export const pagesRouter = router({
  /**
   * One page by its slug (the contract's list: anything else is a 400 naming `slug`); 404 naming
   * `slug` when nobody has written it yet. Shared for 5 s with its ETag (the gateway's cache
   * answers If-None-Match with 304), so a staff edit is on the storefront within seconds.
   */
  bySlug: publicProcedure.input(legalPageSlugInput).query(async ({ ctx, input }) => {
    const page = await legalPageBySlug(ctx.deps, input.slug);
    setPublicCache(ctx.resHeaders, CACHE.listing);
    return page;
  }),
});
