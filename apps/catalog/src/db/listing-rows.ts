import { sql } from "drizzle-orm";
import type { CatalogTx } from "./tx.ts";

/**
 * Copies the product columns listings filter, sort and count on (status, brand, in-stock flag,
 * category set, creation date) into the products' listing rows in every currency
 * (product_prices). Called at the end of every write that changes one of them, inside its
 * transaction, so a listing never sees a product half-changed.
 */
export async function syncListingRows(tx: CatalogTx, productIds: string[]): Promise<void> {
  if (productIds.length === 0) return;
  await tx.run(sql`
    UPDATE product_prices SET status = p.status, brand = p.brand, in_stock = p.in_stock,
      category_set = p.category_set, created_at = p.created_at
    FROM products p
    WHERE p.id = product_prices.product_id AND product_prices.product_id IN (${sql.join(
      productIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
}
