import { listRegions, regionById, resolveRegion } from "../app/read-regions.ts";
import { regionIdInput, resolveRegionInput } from "../contract.ts";
import { regionSchema } from "../contract-views.ts";
import { CACHE, setPublicCache } from "../http/cache-headers.ts";
import { publicProcedure, router } from "../trpc.ts";

/** Where the shop sells: what the region picker lists and what carts and orders price with. */
export const regionsRouter = router({
  /** Every region, in display order, with its active shipping options. */
  list: publicProcedure
    .meta({
      openapi: { method: "GET", path: "/regions", tags: ["catalog"], summary: "Where the shop sells", protect: false },
    })
    .output(regionSchema.array())
    .query(async ({ ctx }) => {
      const all = await listRegions(ctx.deps.regions);
      setPublicCache(ctx.resHeaders, CACHE.revalidate);
      return all;
    }),
  /** The region holding `country`, else the default region. */
  resolve: publicProcedure.input(resolveRegionInput).query(async ({ ctx, input }) => {
    const region = await resolveRegion(ctx.deps.regions, input.country);
    setPublicCache(ctx.resHeaders, CACHE.revalidate);
    return region;
  }),
  /** One region; 404 naming `id`. */
  byId: publicProcedure
    .meta({
      openapi: { method: "GET", path: "/regions/{id}", tags: ["catalog"], summary: "One region", protect: false },
    })
    .input(regionIdInput)
    .output(regionSchema)
    .query(async ({ ctx, input }) => {
      const region = await regionById(ctx.deps.regions, input.id);
      setPublicCache(ctx.resHeaders, CACHE.revalidate);
      return region;
    }),
});
