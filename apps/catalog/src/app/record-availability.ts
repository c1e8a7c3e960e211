import { eq } from "drizzle-orm";
import { syncListingRows } from "../db/listing-rows.ts";
import { products, variants } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";

/**
 * Keeps a variant's availability (mirrored from inventory) and its product's in-stock flag
 * current, inside the transaction that records the stock event as handled.
 */
export async function recordAvailability(tx: CatalogTx, sku: string, available: number): Promise<void> {
  const [variant] = await tx
    .update(variants)
    .set({ available })
    .where(eq(variants.sku, sku))
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
  await syncListingRows(tx, [variant.productId]);
}
