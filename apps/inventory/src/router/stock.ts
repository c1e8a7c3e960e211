import { parseEvent, StockChanged, skuSchema } from "@mercato/events";
import { z } from "zod";
import { levelsOf } from "../db/queries.ts";
import { isLow } from "../domain/stock.ts";
import { publicProcedure } from "../trpc.ts";

const skusInput = z.object({ skus: z.array(skuSchema).min(1).max(100) });

export interface Availability {
  sku: string;
  available: number;
  lowStock: boolean;
}

function availabilityOf(sku: string, available: number, threshold: number | undefined): Availability {
  return { sku, available, lowStock: threshold !== undefined && isLow(available, threshold) };
}

/** Public stock reads: a snapshot, and a live feed for product pages and carts. */
export const stockProcedures = {
  /** Every requested SKU, in the order asked; an unknown SKU has nothing available. */
  availability: publicProcedure.input(skusInput).query(async ({ ctx, input }): Promise<Availability[]> => {
    const levels = new Map((await levelsOf(ctx.deps.db, input.skus)).map((l) => [l.sku, l]));
    // Short: availability moves with every order, but a burst of page views can share one answer.
    ctx.resHeaders.set("cache-control", "public, max-age=1");
    return [...new Set(input.skus)].map((sku) => {
      const level = levels.get(sku);
      return { sku, available: level?.available ?? 0, lowStock: level?.lowStock ?? false };
    });
  }),

  /** Yields the current levels of the SKUs, then each change as inventory announces it. */
  onStockChanged: publicProcedure.input(skusInput).subscription(async function* ({ ctx, input, signal }) {
    const wanted = new Set(input.skus);
    // A plain core-NATS subscription: ephemeral, gone with the connection, nothing to clean up on
    // the server. Opened before the snapshot is read so no change falls between the two.
    const sub = ctx.deps.bus.nc.subscribe(StockChanged.type);
    const stop = () => sub.unsubscribe();
    signal?.addEventListener("abort", stop, { once: true });
    try {
      const levels = await levelsOf(ctx.deps.db, [...wanted]);
      const thresholds = new Map(levels.map((l) => [l.sku, l.lowStockThreshold]));
      for (const l of levels) yield availabilityOf(l.sku, l.available, l.lowStockThreshold);
      for await (const msg of sub) {
        let event: ReturnType<typeof parseEvent<typeof StockChanged>>;
        try {
          event = parseEvent(StockChanged, msg.json());
        } catch (err) {
          ctx.log.warn({ err: String(err) }, "unreadable stock change skipped");
          continue;
        }
        const { sku, available } = event.data;
        if (!wanted.has(sku)) continue;
        yield availabilityOf(sku, available, thresholds.get(sku));
      }
    } finally {
      signal?.removeEventListener("abort", stop);
      stop();
    }
  }),
};
