import { type SQL, sql } from "drizzle-orm";
import type { CategoryRow, ReadDb } from "../db/queries.ts";
import { countBySubtree } from "../domain/category-tree.ts";
import { PRICE_BUCKET_EDGES, PRICE_BUCKETS } from "../domain/price-buckets.ts";

export interface Facets {
  /** Every category with matching products in it or below it; a product counts once per category. */
  categories: { id: string; slug: string; name: string; parentId: string | null; count: number }[];
  /** Matching products per brand (null: no brand); the counts add up to `total`. */
  brands: { value: string | null; count: number }[];
  /** Matching products per "from" price bucket [min, max); the counts add up to `total`. */
  price: { min: number; max: number | null; count: number }[];
  /** Matching products that are in stock. */
  inStock: number;
}

export interface FacetResult {
  total: number;
  facets: Facets;
}

/**
 * Counts for the whole filtered set (not just the page), with every filter applied, so each count
 * equals the total that selecting it would give. `matched` selects the matching products' columns.
 */
export async function computeFacets(db: ReadDb, matched: SQL, cats: CategoryRow[]): Promise<FacetResult> {
  const bucketCase = sql.raw(
    `CASE ${PRICE_BUCKET_EDGES.map((edge, i) => ({ edge, i }))
      .reverse()
      .map(({ edge, i }) => `WHEN m.min_price >= ${edge} THEN ${i}`)
      .join(" ")} ELSE 0 END`,
  );
  const [groups, categoryCounts] = await Promise.all([
    db.all<{ brand: string | null; bucket: number; in_stock: number; n: number }>(sql`
      WITH m AS (${matched})
      SELECT m.brand AS brand, ${bucketCase} AS bucket, m.in_stock AS in_stock, count(*) AS n
      FROM m GROUP BY 1, 2, 3`),
    db.all<{ category_set: string; n: number }>(sql`
      WITH m AS (${matched}) SELECT m.category_set AS category_set, count(*) AS n FROM m GROUP BY 1`),
  ]);

  let total = 0;
  let inStock = 0;
  const brands = new Map<string | null, number>();
  const buckets = PRICE_BUCKETS.map((b) => ({ ...b, count: 0 }));
  for (const g of groups) {
    const n = Number(g.n);
    total += n;
    if (Number(g.in_stock)) inStock += n;
    brands.set(g.brand, (brands.get(g.brand) ?? 0) + n);
    buckets[Number(g.bucket)]!.count += n;
  }
  const countById = countBySubtree(
    cats,
    categoryCounts.map((c) => ({ set: c.category_set, count: Number(c.n) })),
  );
  return {
    total,
    facets: {
      categories: cats.flatMap((c) => {
        const count = countById.get(c.id);
        return count ? [{ id: c.id, slug: c.slug, name: c.name, parentId: c.parentId, count }] : [];
      }),
      brands: [...brands]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value))),
      price: buckets,
      inStock,
    },
  };
}
