import { on, processOnce, StockChanged } from "@mercato/events";
import { eq } from "drizzle-orm";
import { products, variants } from "../db/schema.ts";
import type { CatalogDeps } from "../deps.ts";

/** Keeps each variant's availability and its product's in-stock flag current. */
export function stockChangedHandler(deps: CatalogDeps) {
  return on(StockChanged, async (event) => {
    await processOnce(deps.db, "catalog", event, async (tx) => {
      const [variant] = await tx
        .update(variants)
        .set({ available: event.data.available })
        .where(eq(variants.sku, event.data.sku))
        .returning({ productId: variants.productId });
      if (!variant) return; // a SKU the catalog does not sell (any more)
      const siblings = await tx
        .select({ available: variants.available })
        .from(variants)
        .where(eq(variants.productId, variant.productId));
      await tx
        .update(products)
        .set({ inStock: siblings.some((v) => v.available > 0) })
        .where(eq(products.id, variant.productId));
    });
  });
}
