import { TRPCError } from "@trpc/server";
import { type SQL, sql } from "drizzle-orm";
import { type Cursor, decodeCursor, encodeCursor, MalformedCursorError } from "../domain/cursor.ts";
import { allCategories } from "./categories.ts";
import type { ReadDb } from "./db.ts";
import { computeFacets, type FacetCache, type FacetResult } from "./facets.ts";
import { listingFilters } from "./filters.ts";
import type { AdminListInput } from "./inputs.ts";
import { loadProducts } from "./products.ts";
import { resolveSearch } from "./search.ts";

/** bm25 weights per column of products_fts (title, description, brand, skus): a title hit counts most. */
const BM25 = sql.raw("bm25(products_fts, 10.0, 1.0, 4.0, 6.0)");

type EffectiveSort = "relevance" | "price_asc" | "price_desc" | "newest";

interface SortPlan {
  name: EffectiveSort;
  key: SQL;
  dir: "ASC" | "DESC";
}

function sortPlan(sort: EffectiveSort, searching: boolean): SortPlan {
  switch (sort) {
    case "price_asc":
      return { name: sort, key: sql`p.min_price`, dir: "ASC" };
    case "price_desc":
      return { name: sort, key: sql`p.min_price`, dir: "DESC" };
    case "relevance":
      // bm25 is lower for better matches; without a query "relevance" means newest first.
      return searching ? { name: sort, key: sql`hits.score`, dir: "ASC" } : sortPlan("newest", false);
    case "newest":
      return { name: sort, key: sql`p.created_at`, dir: "DESC" };
  }
}

export interface ListOptions {
  /** The public sees active products only; admins may ask for any status. */
  includeHidden: boolean;
  facetCache?: FacetCache;
}

/**
 * One page of a product listing with the facets and total of the whole filtered set. Pages are
 * keyset-paginated on (sort key, id), so walking the cursors returns every match exactly once.
 */
export async function listProducts(db: ReadDb, input: AdminListInput, opts: ListOptions) {
  const cats = await allCategories(db);
  const filters = listingFilters(input, cats, opts.includeHidden);
  const match = input.q ? await resolveSearch(db, input.q, filters.status) : null;
  const from = match
    ? sql`(SELECT rowid AS doc_id, ${BM25} AS score FROM products_fts WHERE products_fts MATCH ${match}) hits
          JOIN products p ON p.doc_id = hits.doc_id`
    : sql`products p`;

  const plan = sortPlan(input.sort, match !== null);
  let after = sql`1 = 1`;
  if (input.cursor) {
    const cursor = readCursor(input.cursor, plan.name);
    after =
      plan.dir === "ASC"
        ? sql`(${plan.key}, p.id) > (${cursor.key}, ${cursor.id})`
        : sql`(${plan.key}, p.id) < (${cursor.key}, ${cursor.id})`;
  }
  const direction = sql.raw(plan.dir);
  const pageRows = await db.all<{ id: string; k: number }>(sql`
    SELECT p.id AS id, ${plan.key} AS k FROM ${from}
    WHERE ${filters.page} AND ${after}
    ORDER BY ${plan.key} ${direction}, p.id ${direction}
    LIMIT ${input.limit + 1}`);

  const facetKey = JSON.stringify([opts.includeHidden, input.status, match, filterKey(input)]);
  let counted: FacetResult | undefined = opts.facetCache?.get(facetKey);
  if (!counted) {
    const matched = sql`SELECT p.brand AS brand, p.min_price AS min_price, p.in_stock AS in_stock, p.category_set AS category_set FROM ${from} WHERE ${filters.whole}`;
    counted = await computeFacets(db, matched, cats);
    opts.facetCache?.set(facetKey, counted);
  }

  const shown = pageRows.slice(0, input.limit);
  const last = shown.at(-1);
  return {
    items: await loadProducts(
      db,
      shown.map((r) => r.id),
    ),
    nextCursor:
      pageRows.length > input.limit && last
        ? encodeCursor({ sort: plan.name, key: Number(last.k), id: last.id })
        : null,
    total: counted.total,
    facets: counted.facets,
  };
}
export type ProductList = Awaited<ReturnType<typeof listProducts>>;

function readCursor(raw: string, sort: EffectiveSort): Cursor {
  try {
    const cursor = decodeCursor(raw);
    if (cursor.sort !== sort) throw new MalformedCursorError("other sort");
    return cursor;
  } catch (err) {
    if (!(err instanceof MalformedCursorError)) throw err;
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "cursor: malformed, or from a listing with another sort; start again without it",
    });
  }
}

function filterKey(input: AdminListInput): string {
  return JSON.stringify([
    input.category,
    input.minPrice,
    input.maxPrice,
    input.brands ? [...input.brands].sort() : null,
    input.options
      ? Object.entries(input.options)
          .map(([k, v]) => [k, [...v].sort()])
          .sort()
      : null,
    input.inStock ?? false,
  ]);
}
