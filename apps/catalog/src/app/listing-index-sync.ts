import { type SQL, sql } from "drizzle-orm";
import type { Currency, ProductStatus } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { type IndexedProduct, ListingIndex } from "../domain/listing-index.ts";
import { BM25_WEIGHTS } from "../domain/search-text.ts";
import { type TextDocument, TextIndex } from "../domain/text-index.ts";
import { SummaryCache } from "./summary-cache.ts";

/** Products read per round trip of a full load (bounded memory at any catalog size). */
const LOAD_PAGE = 20_000;
/** Changed products re-read one by one up to this many; past it a full load is cheaper. */
const MAX_INCREMENTAL = 20_000;
const IN_CHUNK = 500;

/**
 * The catalog's in-memory listing index, kept current with the database (#25). Before answering,
 * `current()` reads the change log's newest sequence number (one indexed read); when another
 * write committed since the last look (in this instance or any other on the same database, or a
 * CLI such as the CSV import), it re-reads exactly the products those changes name. So a listing
 * sees every write committed before it began, like the SQL it replaces. A log pruned past what
 * this instance applied, or a bulk change (a rebuild, a big import), reloads the index whole.
 */
export interface ListingIndexStore {
  current(): Promise<ListingIndex>;
  /**
   * The full-text index of the same position (products_fts in memory, text-index.ts): read it
   * after `current()`, which brings both up to date together.
   */
  readonly text: TextIndex;
  /** The listing cards, dropped by the same refresh for the products it re-reads. */
  readonly summaries: SummaryCache;
  /** The change-log position the index reflects (the last sequence number applied). */
  readonly position: number;
}

export function listingIndexStore(db: ReadDb): ListingIndexStore {
  let index: ListingIndex | null = null;
  let text = new TextIndex(BM25_WEIGHTS);
  const summaries = new SummaryCache();
  let seen = 0;
  let running: Promise<ListingIndex> | null = null;
  let queued: Promise<ListingIndex> | null = null;

  async function refresh(): Promise<ListingIndex> {
    // Two subqueries, not min() and max() in one: SQLite answers a lone min or max from the
    // primary key's ends, but both in one select scan the whole log (1.4 ms at 50,000 rows).
    const [log] = await db.all<{ first: number | null; last: number | null }>(
      sql`SELECT (SELECT min(seq) FROM listing_changes) AS first, (SELECT max(seq) FROM listing_changes) AS last`,
    );
    const last = Number(log?.last ?? 0);
    if (index && last === seen) return index;
    const first = Number(log?.first ?? 0);
    if (!index || first > seen + 1 || last - seen > MAX_INCREMENTAL) {
      // Read from `last`: changes committed during the load are re-read next time (a re-read is idempotent).
      const fresh = new ListingIndex();
      const freshText = new TextIndex(BM25_WEIGHTS);
      await loadAll(db, fresh);
      await loadAllText(db, freshText);
      index = fresh;
      text = freshText;
      summaries.clear();
      seen = last;
      return index;
    }
    const changed = await db.all<{ id: string }>(
      sql`SELECT DISTINCT product_id AS id FROM listing_changes WHERE seq > ${seen} AND seq <= ${last}`,
    );
    const ids = changed.map((c) => c.id);
    summaries.drop(ids);
    const [read, documents] = await Promise.all([readProducts(db, ids), readDocuments(db, ids)]);
    const found = new Set(read.map((p) => p.id));
    for (const p of read) index.upsert(p);
    for (const id of ids) if (!found.has(id)) index.remove(id);
    const written = new Set(documents.map((d) => d.productId));
    for (const d of documents) text.upsert(d);
    for (const id of ids) if (!written.has(id)) text.removeProduct(id);
    seen = last;
    return index;
  }

  const current = (): Promise<ListingIndex> => {
    if (!running) {
      running = refresh().finally(() => {
        running = null;
      });
      return running;
    }
    // A refresh already under way may have read the log before this listing's own write
    // committed: wait for it, then share one refresh that starts after it (never more than one queued).
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return current();
      });
    return queued;
  };

  return {
    current,
    get text() {
      return text;
    },
    summaries,
    get position() {
      return seen;
    },
  };
}

/** Every listed product, page by page in id order. */
async function loadAll(db: ReadDb, into: ListingIndex): Promise<void> {
  let after = "";
  for (;;) {
    const page = await db.all<{ id: string }>(
      sql`SELECT DISTINCT product_id AS id FROM product_prices WHERE product_id > ${after} ORDER BY product_id LIMIT ${LOAD_PAGE}`,
    );
    if (page.length === 0) break;
    const from = page[0]!.id;
    const to = page.at(-1)!.id;
    into.addBulk(await productsWhere(db, sql`BETWEEN ${from} AND ${to}`));
    after = to;
  }
  into.endBulk();
}

/** Every row of the full-text table, page by page in rowid order, with the product it belongs to. */
async function loadAllText(db: ReadDb, into: TextIndex): Promise<void> {
  let after = -1;
  for (;;) {
    const page = await db.all<FtsRow>(sql`SELECT f.rowid AS doc_id, p.id, f.title, f.description, f.brand, f.skus
      FROM products_fts f LEFT JOIN products p ON p.doc_id = f.rowid
      WHERE f.rowid > ${after} ORDER BY f.rowid LIMIT ${LOAD_PAGE}`);
    if (page.length === 0) break;
    into.addBulk(page.map(textDocument));
    after = Number(page.at(-1)!.doc_id);
  }
  into.endBulk();
}

/** The full-text rows of these products (a product without one is left out). */
async function readDocuments(db: ReadDb, ids: string[]): Promise<TextDocument[]> {
  const out: TextDocument[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db.all<FtsRow>(sql`SELECT f.rowid AS doc_id, p.id, f.title, f.description, f.brand, f.skus
      FROM products p JOIN products_fts f ON f.rowid = p.doc_id
      WHERE p.id IN (${sql.join(
        ids.slice(i, i + IN_CHUNK).map((id) => sql`${id}`),
        sql`, `,
      )})`);
    out.push(...rows.map(textDocument));
  }
  return out;
}

interface FtsRow {
  doc_id: number;
  id: string | null;
  title: string | null;
  description: string | null;
  brand: string | null;
  skus: string | null;
}

const textDocument = (r: FtsRow): TextDocument => ({
  docId: Number(r.doc_id),
  productId: r.id,
  columns: [r.title ?? "", r.description ?? "", r.brand ?? "", r.skus ?? ""],
});

/** These products as the index holds them (products without listing rows are left out). */
export async function readProducts(db: ReadDb, ids: string[]): Promise<IndexedProduct[]> {
  const out: IndexedProduct[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    out.push(
      ...(await productsWhere(
        db,
        sql`IN (${sql.join(
          chunk.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      )),
    );
  }
  return out;
}

/**
 * The index's view of the products whose id satisfies `idIs` (an `IN (…)` or a `BETWEEN`): one
 * row per product, its listing rows folded into a JSON object of from-prices and its option rows
 * into a JSON list (one round trip; the driver's cost is per row, not per column). Every listing
 * row of a product carries the same status, brand, stock flag, categories and date
 * (db/listing-rows.ts), so any one of them speaks for the product.
 */
async function productsWhere(db: ReadDb, idIs: SQL): Promise<IndexedProduct[]> {
  const rows = await db.all<{
    id: string;
    doc_id: number;
    owner_id: string | null;
    status: ProductStatus;
    brand: string | null;
    in_stock: number;
    category_set: string;
    created_at: number;
    prices: string;
    options: string | null;
    rating: number | null;
  }>(sql`SELECT l.product_id AS id, p.doc_id, p.owner_id, l.status, l.brand, l.in_stock, l.category_set,
      l.created_at, json_group_object(l.currency, l.min_price) AS prices,
      (SELECT json_group_array(json_array(o.name, o.value)) FROM product_options o WHERE o.product_id = l.product_id) AS options,
      (SELECT r.average_x100 FROM review_summaries r WHERE r.product_id = l.product_id) AS rating
    FROM product_prices l JOIN products p ON p.id = l.product_id
    WHERE l.product_id ${idIs} GROUP BY l.product_id`);
  return rows.map((r) => ({
    id: r.id,
    docId: Number(r.doc_id),
    status: r.status,
    brand: r.brand,
    inStock: Number(r.in_stock) === 1,
    categorySet: r.category_set,
    createdAt: Number(r.created_at),
    ownerId: r.owner_id,
    ratingX100: r.rating === null ? null : Number(r.rating),
    prices: JSON.parse(r.prices) as Partial<Record<Currency, number>>,
    options: r.options ? (JSON.parse(r.options) as [string, string][]) : [],
  }));
}
