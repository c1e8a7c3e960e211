import { keysetPage } from "@mercato/db/keyset";
import { type SQL, sql } from "drizzle-orm";
import type { AdminListInput, Sort } from "../contract.ts";
import { type CategoryRow, loadSummaries, type ProductSummary, type ReadDb } from "../db/queries.ts";
import { allCategories } from "../db/reference-data.ts";
import { BM25 } from "../db/search-index.ts";
import { decodeListingCursor, listingCursorKey } from "../domain/listing-cursor.ts";
import { facetKey, type ListingScope, listingScope } from "../domain/listing-filters.ts";
import type { ListingIndex } from "../domain/listing-index.ts";
import { ftsExpression, type SearchQuery } from "../domain/search-text.ts";
import type { SearchHits } from "../domain/text-index.ts";
import type { FacetCache } from "./facet-cache.ts";
import { computeFacets, type FacetResult, type FilterParts, shapeFacets, wholeWhere } from "./facets.ts";
import type { ListingIndexStore } from "./listing-index-sync.ts";
import { resolveSearch } from "./search.ts";

interface SortPlan {
  /** The sort actually walked: "relevance" without a query walks "newest". */
  name: Sort;
  key: SQL;
  dir: "ASC" | "DESC";
}

function sortPlan(sort: Sort, searching: boolean): SortPlan {
  switch (sort) {
    case "price_asc":
      return { name: sort, key: sql`l.min_price`, dir: "ASC" };
    case "price_desc":
      return { name: sort, key: sql`l.min_price`, dir: "DESC" };
    case "relevance":
      // bm25 is lower for better matches; without a query "relevance" means newest first.
      return searching ? { name: sort, key: sql`hits.score`, dir: "ASC" } : sortPlan("newest", false);
    case "newest":
      return { name: sort, key: sql`l.created_at`, dir: "DESC" };
    case "rating":
      // The published average kept by moderation (review_summaries); no reviews counts as 0.
      return {
        name: sort,
        key: sql`COALESCE((SELECT rs.average_x100 FROM review_summaries rs WHERE rs.product_id = l.product_id), 0)`,
        dir: "DESC",
      };
  }
}

export interface ListOptions {
  /** The public sees active products only; admins may ask for any status. */
  includeHidden: boolean;
  facetCache?: FacetCache;
  /** Only this seller's products (#20: a seller's admin list). */
  ownerId?: string | null;
  /**
   * The in-memory listing index (#25): when given, the page, total and facets are answered from
   * it, the search by its text index (FTS5 only for a phrase) and the cards from its card cache;
   * without it (the edge's D1), by the SQL below, which the index must agree with
   * (index-property.test.ts).
   */
  index?: ListingIndexStore;
}

/**
 * One page of a product listing with the facets and total of the whole filtered set. Pages are
 * keyset-paginated on (sort key, id), so walking the cursors returns every match exactly once.
 * Everything is read from the products' listing rows in the listing's currency (product_prices
 * `l`): products not sold in it have none and are left out.
 */
export async function listProducts(db: ReadDb, input: AdminListInput, opts: ListOptions) {
  const cats = await allCategories(db);
  const scope = listingScope(input, cats, opts.includeHidden);
  // A seller's admin list holds its own products only (#20; app/seller-products.ts).
  const owner = opts.ownerId ?? null;
  if (opts.index) {
    const store = opts.index;
    const index = await store.current();
    // The text index matches in memory, and the listing index says whether a match is listed; a
    // search's hits are computed once, for the check and the listing both (null: a phrase, FTS5's).
    const hitsOf = new Map<SearchQuery, SearchHits | null>();
    const inMemory = (query: SearchQuery) => {
      const hits = store.text.search(query);
      hitsOf.set(query, hits);
      return hits && index.anyListed(hits.docIds, scope.status);
    };
    const match = input.q ? await resolveSearch(db, input.q, statusSql(scope), inMemory) : null;
    const plan = sortPlan(input.sort, match !== null);
    return listFromIndex(db, input, { scope, owner, match, plan, cats }, { store, index, hitsOf });
  }
  const match = input.q ? await resolveSearch(db, input.q, statusSql(scope)) : null;
  const plan = sortPlan(input.sort, match !== null);

  const filters = ownedBy(filterSql(scope), owner);
  const from = match
    ? sql`(${hitsSql(ftsExpression(match))}) hits
          JOIN products p ON p.doc_id = hits.doc_id
          JOIN product_prices l ON l.product_id = p.id`
    : sql`product_prices l`;
  let after = sql`1 = 1`;
  if (input.cursor) {
    // A row-value comparison over the sort expression (a column, or the search score), which the
    // (currency, status, key, product_id) indexes of product_prices walk; @mercato/db's
    // afterCursor takes table columns only.
    const cursor = decodeListingCursor(input.cursor, plan.name);
    after =
      plan.dir === "ASC"
        ? sql`(${plan.key}, l.product_id) > (${cursor.key}, ${cursor.id})`
        : sql`(${plan.key}, l.product_id) < (${cursor.key}, ${cursor.id})`;
  }
  const direction = sql.raw(plan.dir);
  const pageRows = await db.all<{ id: string; k: number }>(sql`
    SELECT l.product_id AS id, ${plan.key} AS k FROM ${from}
    WHERE ${filters.page} AND ${after}
    ORDER BY ${plan.key} ${direction}, l.product_id ${direction}
    LIMIT ${input.limit + 1}`);

  const key = facetKey(scope, match && ftsExpression(match));
  const cacheKey = owner ? `${key}|owner:${owner}` : key;
  let counted: FacetResult | undefined = opts.facetCache?.get(cacheKey);
  if (!counted) {
    counted = await computeFacets(db, from, filters.parts, cats);
    opts.facetCache?.set(cacheKey, counted);
  }

  return answerListing(pageRows, input.limit, plan, counted, (ids) => loadSummaries(db, ids, scope.currency));
}

/** A listing's answer from its page rows (up to `limit + 1`, in order, with their sort keys) and counts. */
async function answerListing(
  rows: { id: string; k: number }[],
  limit: number,
  plan: SortPlan,
  counted: FacetResult,
  cards: (ids: string[]) => Promise<ProductSummary[]>,
) {
  const page = keysetPage(rows, limit, (last) =>
    listingCursorKey({ sort: plan.name, key: Number(last.k), id: last.id }),
  );
  return {
    items: await cards(page.items.map((r) => r.id)),
    nextCursor: page.nextCursor,
    total: counted.total,
    facets: counted.facets,
  };
}
export type ProductList = Awaited<ReturnType<typeof listProducts>>;

/** The listing answered by the in-memory index: the same page, cursor, total and facets as the SQL. */
async function listFromIndex(
  db: ReadDb,
  input: AdminListInput,
  asked: { scope: ListingScope; owner: string | null; match: SearchQuery | null; plan: SortPlan; cats: CategoryRow[] },
  current: { store: ListingIndexStore; index: ListingIndex; hitsOf: Map<SearchQuery, SearchHits | null> },
) {
  const { scope, plan, match } = asked;
  const { store, index, hitsOf } = current;
  // The text index answers a search in memory; a phrase (a multi-word synonym) falls back to FTS5.
  const inMemory = match && (hitsOf.has(match) ? (hitsOf.get(match) ?? null) : store.text.search(match));
  const hits = match ? (inMemory ?? (await searchHits(db, ftsExpression(match)))) : null;
  const cursor = input.cursor ? decodeListingCursor(input.cursor, plan.name) : null;
  const answer = index.query({
    ...scope,
    ownerId: asked.owner,
    hits,
    sort: plan.name,
    after: cursor && { key: cursor.key, id: cursor.id },
    limit: input.limit,
    // The search as its resolved expression: synonyms and corrections are part of what it counts.
    countsKey: `${facetKey(scope, match && ftsExpression(match))}|owner:${asked.owner ?? ""}`,
  });
  return answerListing(answer.rows, input.limit, plan, shapeFacets(answer.counts, asked.cats), (ids) =>
    store.summaries.load(db, ids, scope.currency),
  );
}

/** Every full-text row matching a search, with its bm25 score (lower is better). */
async function searchHits(db: ReadDb, match: string): Promise<SearchHits> {
  const rows = await db.all<{ doc_id: number; score: number }>(hitsSql(match));
  return { docIds: rows.map((r) => Number(r.doc_id)), scores: rows.map((r) => Number(r.score)) };
}

/** The full-text rows matching a search (`doc_id`) with their bm25 scores (`score`). */
const hitsSql = (match: string): SQL =>
  sql`SELECT rowid AS doc_id, ${BM25} AS score FROM products_fts WHERE products_fts MATCH ${match}`;

/** Who may be listed, alone, on products `p`: the search resolves its words against visible products. */
const statusSql = (scope: ListingScope): SQL => (scope.status ? sql`p.status = ${scope.status}` : sql`1 = 1`);

interface FilterSql {
  /** Every filter, shaped for one page walked in sort order. */
  page: SQL;
  /** Every filter, shaped for counting the whole filtered set (facets and total). */
  whole: SQL;
  /** The conditions shaped for counting, by facet: what disjunctive facet counts leave out one at a time. */
  parts: FilterParts;
}

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The filters narrowed to one seller's products (unchanged for null). */
function ownedBy(filters: FilterSql, owner: string | null): FilterSql {
  if (!owner) return filters;
  const mine = sql`l.product_id IN (SELECT id FROM products WHERE owner_id = ${owner})`;
  return {
    page: sql`${filters.page} AND ${mine}`,
    whole: sql`${filters.whole} AND ${mine}`,
    parts: { ...filters.parts, base: [...filters.parts.base, mine] },
  };
}

/** The SQL conditions (on the listing rows `l` of the listing's currency) of a listing's scope. */
function filterSql(scope: ListingScope): FilterSql {
  const base: SQL[] = [sql`l.currency = ${scope.currency}`];
  if (scope.status) base.push(sql`l.status = ${scope.status}`);
  const price: SQL[] = [];
  if (scope.minPrice !== undefined) price.push(sql`l.min_price >= ${scope.minPrice}`);
  if (scope.maxPrice !== undefined) price.push(sql`l.min_price <= ${scope.maxPrice}`);
  const parts: FilterParts = {
    base,
    price: price.length ? sql.join(price, sql` AND `) : null,
    brand: scope.brands ? sql`l.brand IN (${list(scope.brands)})` : null,
    options: scope.options.map(([name, values]) => ({
      name,
      sql: sql`l.product_id IN (SELECT product_id FROM product_options WHERE name = ${name} AND value IN (${list(values)}))`,
    })),
    inStock: scope.inStock ? sql`l.in_stock = 1` : null,
    rating:
      scope.minRating === undefined
        ? null
        : sql`l.product_id IN (SELECT product_id FROM review_summaries WHERE average_x100 >= ${scope.minRating * 100})`,
    category: null,
  };
  const conditions = wholeWhere(parts, null);

  if (!scope.categoryIds) return { page: conditions, whole: conditions, parts };
  const subtree = list(scope.categoryIds);
  // The same category filter in two shapes: a page walks the sort index and probes each product's
  // categories, stopping after one page; the counts read the whole category from its own index.
  const withCategory: FilterParts = {
    ...parts,
    category: sql`l.product_id IN (SELECT product_id FROM product_categories WHERE category_id IN (${subtree}))`,
  };
  return {
    page: sql`${conditions} AND EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = l.product_id AND pc.category_id IN (${subtree}))`,
    whole: wholeWhere(withCategory, null),
    parts: withCategory,
  };
}
