import { eq, sql } from "drizzle-orm";
import { syncListingRows } from "../db/listing-rows.ts";
import type { ReadDb } from "../db/queries.ts";
import { products, stockPositions, variants } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";

/** How long an applied stock position refuses lower ones (5 minutes). */
export const STOCK_POSITION_TRUST_MS = 5 * 60_000;

/**
 * Keeps a variant's availability (mirrored from inventory) and its product's in-stock flag
 * current, inside the transaction that records the stock event as handled. Answers the product's
 * id, or null for a SKU the catalog does not sell.
 *
 * `seq` is the change's inventory ledger position (#26): a change older than one already applied
 * to the SKU (handled late by another instance) changes nothing. Events without one (older
 * publishers) are applied as they come. A position applied more than STOCK_POSITION_TRUST_MS ago
 * no longer refuses a lower seq: a late duplicate arrives within seconds (ack wait, redelivery),
 * while a lower seq long after means inventory's ledger restarted (a restored or fresh database),
 * whose levels must win.
 */
export async function recordAvailability(
  tx: CatalogTx,
  sku: string,
  available: number,
  seq?: number,
  now = new Date(),
): Promise<string | null> {
  if (seq !== undefined) {
    const newer = await tx
      .insert(stockPositions)
      .values({ sku, seq, appliedAt: now })
      .onConflictDoUpdate({
        target: stockPositions.sku,
        set: { seq, appliedAt: now },
        setWhere: sql`excluded.seq > ${stockPositions.seq} OR ${stockPositions.appliedAt} < ${now.getTime() - STOCK_POSITION_TRUST_MS}`,
      })
      .returning({ seq: stockPositions.seq });
    if (newer.length === 0) return productOfSku(tx, sku);
  }
  const [variant] = await tx
    .update(variants)
    .set({ available })
    .where(eq(variants.sku, sku))
    .returning({ productId: variants.productId });
  if (!variant) return null; // a SKU the catalog does not sell (any more)
  const siblings = await tx
    .select({ available: variants.available })
    .from(variants)
    .where(eq(variants.productId, variant.productId));
  await tx
    .update(products)
    .set({ inStock: siblings.some((v) => v.available > 0) })
    .where(eq(products.id, variant.productId));
  await syncListingRows(tx, [variant.productId]);
  return variant.productId;
}

/** The product selling this SKU, or null. */
export async function productOfSku(db: ReadDb, sku: string): Promise<string | null> {
  const [row] = await db.select({ productId: variants.productId }).from(variants).where(eq(variants.sku, sku));
  return row?.productId ?? null;
}
