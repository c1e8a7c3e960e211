import { type SQL, sql } from "drizzle-orm";
import { RATING_FACET_MINS } from "../contract.ts";
import type { CategoryRow, ReadDb } from "../db/queries.ts";
import { countBySubtree, facetCategories } from "../domain/category-tree.ts";
import type { RawCounts } from "../domain/listing-index.ts";
import { PRICE_BUCKET_EDGES, PRICE_BUCKETS } from "../domain/price-buckets.ts";

export interface Facets {
  /**
   * Every category with matching products in it or below it (a product counts once per category),
   * in tree order: each parent first, then its subcategories, `depth` levels below the roots.
   */
  categories: { id: string; slug: string; name: string; parentId: string | null; depth: number; count: number }[];
  /** Matching products per brand (null: no brand); with no brand filter the counts add up to `total`. */
  brands: { value: string | null; count: number }[];
  /** Matching products per "from" price bucket [min, max); with no price filter they add up to `total`. */
  price: { min: number; max: number | null; count: number }[];
  /** Variant options (colour, size…): per option, the matching products that have a variant with each value. */
  options: { name: string; values: { value: string; count: number }[] }[];
  /** Matching products that are in stock. */
  inStock: number;
  /** Matching products per "N★ & up" threshold (#27), counted without the rating filter. */
  ratings: { min: number; count: number }[];
}

export interface FacetResult {
  total: number;
  facets: Facets;
}

/**
 * A listing's counting conditions on its listing rows `l`, by facet. Each facet is counted with
 * every other facet's filter applied but not its own (disjunctive faceting): ticking a second
 * brand widens the list by what its count says, and the brand counts follow the price, option,
 * stock and category filters. Values within one facet are OR-ed, facets AND-ed.
 */
export interface FilterParts {
  /** Always applied: the currency, the status, a seller's own products. */
  base: SQL[];
  price: SQL | null;
  brand: SQL | null;
  options: { name: string; sql: SQL }[];
  inStock: SQL | null;
  /** The least average rating (#27). */
  rating: SQL | null;
  category: SQL | null;
}

/** The facets a filter can be left out of. */
export type FacetName = "price" | "brand" | "inStock" | "rating" | "category" | `option:${string}`;

/** Every condition of `parts`, but the one of `leaveOut`. */
export function wholeWhere(parts: FilterParts, leaveOut: FacetName | null): SQL {
  const conditions = [...parts.base];
  const add = (name: FacetName, condition: SQL | null) => {
    if (condition && name !== leaveOut) conditions.push(condition);
  };
  add("price", parts.price);
  add("brand", parts.brand);
  for (const o of parts.options) add(`option:${o.name}`, o.sql);
  add("inStock", parts.inStock);
  add("rating", parts.rating);
  add("category", parts.category);
  return sql.join(conditions, sql` AND `);
}

const BUCKET_CASE = sql.raw(
  `CASE ${PRICE_BUCKET_EDGES.map((edge, i) => ({ edge, i }))
    .reverse()
    .map(({ edge, i }) => `WHEN m.min_price >= ${edge} THEN ${i}`)
    .join(" ")} ELSE 0 END`,
);

/**
 * Counts for the whole filtered set (not just the page). `total` has every filter applied; each
 * facet every filter but its own, so a count is the total that adding that value would give
 * (for a value already chosen: the total it keeps). `from` is the listing's row source (the
 * product rows `l`, joined to the search hits when searching).
 */
export async function computeFacets(
  db: ReadDb,
  from: SQL,
  parts: FilterParts,
  cats: CategoryRow[],
): Promise<FacetResult> {
  const matched = (where: SQL) =>
    sql`SELECT l.product_id AS product_id, l.brand AS brand, l.min_price AS min_price, l.in_stock AS in_stock, l.category_set AS category_set FROM ${from} WHERE ${where}`;
  const all = wholeWhere(parts, null);
  // A facet whose filter is not set is counted on the fully filtered set, in the shared queries.
  const without = (name: FacetName, active: boolean) => (active ? wholeWhere(parts, name) : null);

  const groups = (where: SQL) =>
    db.all<{ brand: string | null; bucket: number; in_stock: number; n: number }>(sql`
      WITH m AS (${matched(where)})
      SELECT m.brand AS brand, ${BUCKET_CASE} AS bucket, m.in_stock AS in_stock, count(*) AS n
      FROM m GROUP BY 1, 2, 3`);
  const categorySets = (where: SQL) =>
    db.all<{ category_set: string; n: number }>(sql`
      WITH m AS (${matched(where)}) SELECT m.category_set AS category_set, count(*) AS n FROM m GROUP BY 1`);
  const optionCounts = (where: SQL, name?: string) =>
    db.all<{ name: string; value: string; n: number }>(sql`
      WITH m AS (${matched(where)})
      SELECT o.name AS name, o.value AS value, count(*) AS n
      FROM m JOIN product_options o ON o.product_id = m.product_id
      ${name === undefined ? sql`` : sql`WHERE o.name = ${name}`}
      GROUP BY 1, 2`);

  const brandWhere = without("brand", parts.brand !== null);
  const priceWhere = without("price", parts.price !== null);
  const stockWhere = without("inStock", parts.inStock !== null);
  const categoryWhere = without("category", parts.category !== null);
  const ratingWhere = without("rating", parts.rating !== null) ?? all;
  const [allGroups, allSets, allOptions, brandGroups, priceGroups, stockGroups, categorySetsWithout, ...ownOptions] =
    await Promise.all([
      groups(all),
      categoryWhere ? Promise.resolve(null) : categorySets(all),
      optionCounts(all),
      brandWhere ? groups(brandWhere) : Promise.resolve(null),
      priceWhere ? groups(priceWhere) : Promise.resolve(null),
      stockWhere ? groups(stockWhere) : Promise.resolve(null),
      categoryWhere ? categorySets(categoryWhere) : Promise.resolve(null),
      ...parts.options.map((o) => optionCounts(wholeWhere(parts, `option:${o.name}`), o.name)),
    ]);
  const ratings = await ratingCounts(db, matched(ratingWhere));

  const brands = new Map<string | null, number>();
  for (const g of brandGroups ?? allGroups) brands.set(g.brand, (brands.get(g.brand) ?? 0) + Number(g.n));
  const buckets = PRICE_BUCKETS.map(() => 0);
  for (const g of priceGroups ?? allGroups) buckets[Number(g.bucket)]! += Number(g.n);
  let inStock = 0;
  for (const g of stockGroups ?? allGroups) if (Number(g.in_stock)) inStock += Number(g.n);
  const filtered = new Set(parts.options.map((o) => o.name));
  const options = [...allOptions.filter((r) => !filtered.has(r.name)), ...ownOptions.flat()].map((r) => ({
    name: r.name,
    value: r.value,
    count: Number(r.n),
  }));
  const sets = categorySetsWithout ?? allSets ?? [];
  return shapeFacets(
    {
      total: allGroups.reduce((n, g) => n + Number(g.n), 0),
      brands,
      buckets,
      inStock,
      options,
      categorySets: sets.map((c) => ({ set: c.category_set, count: Number(c.n) })),
      ratings,
    },
    cats,
  );
}

/**
 * The facets as a listing answers them, from the counts of its filtered set (counted by the SQL
 * above or by the in-memory listing index): categories in tree order, brands by count, option
 * names and values in order.
 */
export function shapeFacets(raw: RawCounts, cats: CategoryRow[]): FacetResult {
  const byName = new Map<string, { value: string; count: number }[]>();
  for (const r of raw.options) {
    const values = byName.get(r.name) ?? [];
    values.push({ value: r.value, count: r.count });
    byName.set(r.name, values);
  }
  return {
    total: raw.total,
    facets: {
      categories: facetCategories(cats, countBySubtree(cats, raw.categorySets)),
      brands: [...raw.brands]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value))),
      price: PRICE_BUCKETS.map((b, i) => ({ ...b, count: raw.buckets[i] ?? 0 })),
      options: [...byName]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, values]) => ({ name, values: values.sort((a, b) => a.value.localeCompare(b.value)) })),
      inStock: raw.inStock,
      ratings: raw.ratings,
    },
  };
}

/** Per "N★ & up" threshold, the matched products whose published average reaches it (review_summaries). */
async function ratingCounts(db: ReadDb, matched: SQL): Promise<Facets["ratings"]> {
  const columns = sql.join(
    RATING_FACET_MINS.map((min) => sql.raw(`sum(s.average_x100 >= ${min * 100}) AS r${min}`)),
    sql`, `,
  );
  const [row] = await db.all<Record<string, number | null>>(sql`
    WITH m AS (${matched}) SELECT ${columns} FROM m JOIN review_summaries s ON s.product_id = m.product_id`);
  return RATING_FACET_MINS.map((min) => ({ min, count: Number(row?.[`r${min}`] ?? 0) }));
}
