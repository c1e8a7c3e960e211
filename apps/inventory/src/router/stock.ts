import { readAvailability, watchAvailability } from "../app/availability.ts";
import { availability, skusInput } from "../contract.ts";
import { publicProcedure } from "../trpc.ts";

/** Public stock reads: a snapshot, and a live feed for product pages and carts. */
export const stockProcedures = {
  availability: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/stock/availability",
        tags: ["stock"],
        summary: "Availability of SKUs",
        protect: false,
      },
    })
    .input(skusInput)
    .output(availability.array())
    .query(({ ctx, input }) => {
      // Short: availability moves with every order, but a burst of page views can share one answer.
      ctx.resHeaders.set("cache-control", "public, max-age=1");
      return readAvailability(ctx.deps, input.skus);
    }),

  onStockChanged: publicProcedure
    .input(skusInput)
    .subscription(({ ctx, input, signal }) => watchAvailability(ctx.deps, input.skus, signal)),
};
