import type { Database } from "@mercato/db";
import type { D1Statement } from "../app/d1-http.ts";
import { padWord, vocabularyWords } from "../domain/search-text.ts";

/**
 * What the edge's D1 replica holds of a product, and the statements that make D1 hold exactly
 * the catalog's current rows of some products. D1 has the catalog's own tables (its migrations);
 * these are the ones the edge router reads, copied column for column.
 */
const PRODUCT_COLUMNS = [
  "id",
  "doc_id",
  "slug",
  "title",
  "description",
  "status",
  "brand",
  "images",
  "attributes",
  "min_price",
  "currency",
  "tax_class",
  "kind",
  "in_stock",
  "category_set",
  "created_at",
  "updated_at",
];
const VARIANT_COLUMNS = [
  "sku",
  "product_id",
  "options",
  "price",
  "compare_at_price",
  "currency",
  "weight_grams",
  "available",
  "position",
];
const VARIANT_PRICE_COLUMNS = ["sku", "currency", "amount", "compare_at_amount"];
const PRODUCT_PRICE_COLUMNS = [
  "product_id",
  "currency",
  "min_price",
  "status",
  "brand",
  "in_stock",
  "category_set",
  "created_at",
];
const PRODUCT_CATEGORY_COLUMNS = ["product_id", "category_id"];
const PRODUCT_OPTION_COLUMNS = ["name", "value", "product_id"];
const FTS_COLUMNS = ["rowid", "title", "description", "brand", "skus"];
export const CATEGORY_COLUMNS = ["id", "parent_id", "slug", "name", "position"];

/**
 * The replica's own bookkeeping, created by the resync: the version of each product's copy, and a
 * trigger that refuses to put an older copy over a newer one. A version is the catalog
 * database's clock when the copy was read, and every batch starts by writing it, so a batch
 * read before another but applied after it fails as a whole and leaves the newer copy in place.
 */
export const REPLICA_SETUP: D1Statement[] = [
  {
    sql: "CREATE TABLE IF NOT EXISTS edge_versions (product_id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL)",
    params: [],
  },
  {
    sql: `CREATE TRIGGER IF NOT EXISTS edge_versions_forward BEFORE UPDATE ON edge_versions
      WHEN NEW.version < OLD.version BEGIN SELECT RAISE(ABORT, 'edge copy is older than the replica''s'); END`,
    params: [],
  },
];

/** The refusal of the trigger above: the replica already holds a newer copy. */
export const isOlderCopy = (err: unknown) => String(err).includes("older than the replica");

type Value = string | number | null;
type Client = Database["client"];
type Row = Awaited<ReturnType<Client["execute"]>>["rows"][number];
type InStatement = Parameters<Client["batch"]>[0][number];

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

function insert(table: string, columns: string[], row: Row): D1Statement {
  return {
    sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders(columns.length)})`,
    params: columns.map((_, i) => toValue(row[i])),
  };
}

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string") return v;
  if (v instanceof ArrayBuffer) throw new Error("edge replica: blob columns are not copied");
  return String(v);
}

/**
 * Reads the current rows of these products from the catalog database in one read batch (one
 * snapshot), and the statements that replace D1's copy of them: the version first, then every
 * row deleted and written again, and any new vocabulary word added (words are never removed,
 * as in the service's own index). A product no longer in the catalog is deleted at the edge.
 */
export async function replicaStatements(client: Client, ids: string[]): Promise<D1Statement[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids.length);
  const read = (sql: string): InStatement => ({ sql, args: ids });
  const [clock, products, variants, variantPrices, productPrices, productCategories, productOptions, fts, categories] =
    await client.batch(
      [
        "SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER)",
        read(`SELECT ${PRODUCT_COLUMNS.join(", ")} FROM products WHERE id IN (${list})`),
        read(`SELECT ${VARIANT_COLUMNS.join(", ")} FROM variants WHERE product_id IN (${list})`),
        read(
          `SELECT ${VARIANT_PRICE_COLUMNS.map((c) => `vp.${c}`).join(", ")} FROM variant_prices vp
           JOIN variants v ON v.sku = vp.sku WHERE v.product_id IN (${list})`,
        ),
        read(`SELECT ${PRODUCT_PRICE_COLUMNS.join(", ")} FROM product_prices WHERE product_id IN (${list})`),
        read(`SELECT ${PRODUCT_CATEGORY_COLUMNS.join(", ")} FROM product_categories WHERE product_id IN (${list})`),
        read(`SELECT ${PRODUCT_OPTION_COLUMNS.join(", ")} FROM product_options WHERE product_id IN (${list})`),
        read(
          `SELECT ${FTS_COLUMNS.map((c) => `f.${c}`).join(", ")} FROM products_fts f
           JOIN products p ON p.doc_id = f.rowid WHERE p.id IN (${list})`,
        ),
        // The products' categories and their ancestors: D1 checks the foreign keys, and a
        // category made after the last resync must be there before a product names it.
        read(
          `WITH RECURSIVE tree(id) AS (
             SELECT category_id FROM product_categories WHERE product_id IN (${list})
             UNION SELECT c.parent_id FROM categories c JOIN tree t ON c.id = t.id WHERE c.parent_id IS NOT NULL)
           SELECT ${CATEGORY_COLUMNS.map((c) => `c.${c}`).join(", ")} FROM categories c JOIN tree t ON t.id = c.id`,
        ),
      ],
      "read",
    );
  const version = Number(clock!.rows[0]![0]);
  const statements: D1Statement[] = ids.map((id) => ({
    sql: `INSERT INTO edge_versions (product_id, version) VALUES (?, ?)
      ON CONFLICT (product_id) DO UPDATE SET version = excluded.version`,
    params: [id, version],
  }));
  for (const id of ids) {
    // Prices and search rows hang off the copy's variants and doc id: removed before those are.
    statements.push(
      {
        sql: "DELETE FROM variant_prices WHERE sku IN (SELECT sku FROM variants WHERE product_id = ?)",
        params: [id],
      },
      { sql: "DELETE FROM products_fts WHERE rowid IN (SELECT doc_id FROM products WHERE id = ?)", params: [id] },
      { sql: "DELETE FROM variants WHERE product_id = ?", params: [id] },
      { sql: "DELETE FROM product_prices WHERE product_id = ?", params: [id] },
      { sql: "DELETE FROM product_categories WHERE product_id = ?", params: [id] },
      { sql: "DELETE FROM product_options WHERE product_id = ?", params: [id] },
      { sql: "DELETE FROM products WHERE id = ?", params: [id] },
    );
  }
  // A SKU moved from another product keeps its primary key: its old copy goes first.
  for (const v of variants!.rows) {
    statements.push(
      { sql: "DELETE FROM variant_prices WHERE sku = ?", params: [toValue(v[0])] },
      { sql: "DELETE FROM variants WHERE sku = ?", params: [toValue(v[0])] },
    );
  }
  for (const row of sortParentsFirst(categories!.rows)) statements.push(upsertCategory(row));
  for (const row of products!.rows) statements.push(insert("products", PRODUCT_COLUMNS, row));
  for (const row of variants!.rows) statements.push(insert("variants", VARIANT_COLUMNS, row));
  for (const row of variantPrices!.rows) statements.push(insert("variant_prices", VARIANT_PRICE_COLUMNS, row));
  for (const row of productPrices!.rows) statements.push(insert("product_prices", PRODUCT_PRICE_COLUMNS, row));
  for (const row of productCategories!.rows)
    statements.push(insert("product_categories", PRODUCT_CATEGORY_COLUMNS, row));
  for (const row of productOptions!.rows) statements.push(insert("product_options", PRODUCT_OPTION_COLUMNS, row));
  for (const row of fts!.rows) statements.push(insert("products_fts", FTS_COLUMNS, row));
  const words = new Set(products!.rows.flatMap((p) => vocabularyWords(`${p[3] ?? ""} ${p[6] ?? ""} ${p[4] ?? ""}`)));
  for (const word of words) {
    statements.push(
      {
        sql: "INSERT INTO search_words_fts (word) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM search_words WHERE word = ?)",
        params: [padWord(word), word],
      },
      { sql: "INSERT OR IGNORE INTO search_words (word) VALUES (?)", params: [word] },
    );
  }
  return statements;
}

function upsertCategory(row: Row): D1Statement {
  const { sql, params } = insert("categories", CATEGORY_COLUMNS, row);
  const set = CATEGORY_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`);
  return { sql: `${sql} ON CONFLICT (id) DO UPDATE SET ${set.join(", ")}`, params };
}

/** Every category of the catalog written to D1, parents first (the tree is small). */
export async function categoryStatements(client: Client): Promise<D1Statement[]> {
  const rows = await client.execute(`SELECT ${CATEGORY_COLUMNS.join(", ")} FROM categories`);
  return sortParentsFirst(rows.rows).map(upsertCategory);
}

/**
 * Removes the categories the catalog no longer has, once every product copy is current (their
 * product links are gone by then; one still linked keeps the foreign key and fails the batch).
 */
export async function staleCategoryStatements(client: Client): Promise<D1Statement[]> {
  const rows = await client.execute("SELECT id FROM categories");
  const ids = rows.rows.map((r) => toValue(r[0]));
  return [{ sql: `DELETE FROM categories WHERE id NOT IN (${placeholders(ids.length) || "NULL"})`, params: ids }];
}

function sortParentsFirst(rows: Row[]): Row[] {
  const ids = new Set(rows.map((r) => r[0]));
  const placed = new Set<unknown>();
  const out: Row[] = [];
  let rest = rows;
  while (rest.length) {
    // A parent outside these rows is already in D1 (or is written by another batch first).
    const ready = rest.filter((r) => r[1] === null || placed.has(r[1]) || !ids.has(r[1]));
    if (ready.length === 0) return [...out, ...rest];
    for (const r of ready) {
      placed.add(r[0]);
      out.push(r);
    }
    rest = rest.filter((r) => !ready.includes(r));
  }
  return out;
}
