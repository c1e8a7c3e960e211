/**
 * Sellers (#20): inventory learns who sells each SKU from the catalog's product events (`ownerId`)
 * and keeps it in `sku_owners`; a seller (a token with `sellerId`) adjusts, lists and reads the
 * ledger of its own SKUs only. The acting user is the request's (`currentUser()`).
 */
import { currentUser } from "@mercato/kit";
import { forbidden } from "@mercato/kit/errors";
import { eq, type SQL, sql } from "drizzle-orm";
import { skuOwners, stock } from "../db/schema.ts";
import type { InventoryDb, InventoryTx } from "../deps.ts";

/** The seller the request acts for, or null for the shop's staff and for no user at all. */
export function sellerScope(): string | null {
  return currentUser()?.sellerId ?? null;
}

/** Records (or moves) the owner of a product's SKUs, from a catalog.product.* event. */
export async function recordSkuOwners(
  tx: InventoryTx,
  product: { productId: string; ownerId?: string | null; variants: { sku: string }[] },
  now: Date,
): Promise<void> {
  for (const v of product.variants) {
    await tx
      .insert(skuOwners)
      .values({ sku: v.sku, productId: product.productId, ownerId: product.ownerId ?? null, updatedAt: now })
      .onConflictDoUpdate({
        target: skuOwners.sku,
        set: { productId: product.productId, ownerId: product.ownerId ?? null, updatedAt: now },
      });
  }
}

/**
 * Refuses (403 naming `sku`) a seller touching a SKU it does not sell. A SKU whose owner is not
 * known yet is the shop's until the catalog's event says otherwise, so a seller is refused too.
 */
export async function assertOwnsSku(db: InventoryTx | InventoryDb["orm"], sku: string): Promise<void> {
  const seller = sellerScope();
  if (!seller) return;
  const [row] = await db.select({ ownerId: skuOwners.ownerId }).from(skuOwners).where(eq(skuOwners.sku, sku));
  if (row?.ownerId !== seller) throw forbidden("sku", `SKU "${sku}" belongs to another seller`);
}

/** The condition on `stock` that keeps a seller's SKUs (undefined: no narrowing). */
export function ownSkusOnly(): SQL | undefined {
  const seller = sellerScope();
  if (!seller) return undefined;
  return sql`${stock.sku} IN (SELECT ${skuOwners.sku} FROM ${skuOwners} WHERE ${skuOwners.ownerId} = ${seller})`;
}
