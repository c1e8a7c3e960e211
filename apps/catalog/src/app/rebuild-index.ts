import type { Database } from "@mercato/db";
import { sql } from "drizzle-orm";
import type * as schema from "../db/schema.ts";
import { rebuildSearchIndex } from "../db/search-index.ts";

/**
 * Rebuilds, from the catalog's source rows (products, variants, their prices and categories),
 * everything listings, facets and search read instead of them: each product's in-stock flag,
 * category set and from-price, the option rows of the option facets, the listing rows per
 * currency (product_prices) and the search index (full-text rows and vocabulary). The writes keep
 * all of these current as they go; this is the one way to recompute them (after a bulk load, or to
 * check that the live structures are what the data says: index-property.test.ts). One write
 * transaction: it holds the catalog's write lock for as long as it runs.
 */
export async function rebuildIndex(db: Database<typeof schema>): Promise<void> {
  await db.write(async (tx) => {
    await tx.run(sql`UPDATE products SET
      in_stock = EXISTS (SELECT 1 FROM variants v WHERE v.product_id = products.id AND v.available > 0),
      category_set = coalesce((SELECT group_concat(pc.category_id, ' ' ORDER BY pc.category_id)
        FROM product_categories pc WHERE pc.product_id = products.id), '')`);
    await tx.run(sql`DELETE FROM product_options`);
    await tx.run(sql`INSERT OR IGNORE INTO product_options (name, value, product_id)
      SELECT o.key, o.value, v.product_id FROM variants v, json_each(v.options) o`);
    await tx.run(sql`DELETE FROM product_prices`);
    await tx.run(sql`INSERT INTO product_prices
      (product_id, currency, min_price, status, brand, in_stock, category_set, created_at)
      SELECT p.id, vp.currency, min(vp.amount), p.status, p.brand, p.in_stock, p.category_set, p.created_at
      FROM products p JOIN variants v ON v.product_id = p.id JOIN variant_prices vp ON vp.sku = v.sku
      GROUP BY p.id, vp.currency`);
    await tx.run(sql`UPDATE products SET min_price = coalesce((SELECT l.min_price FROM product_prices l
      WHERE l.product_id = products.id AND l.currency = products.currency), min_price)`);
    await rebuildSearchIndex(tx);
  });
}
