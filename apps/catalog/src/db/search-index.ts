import { inArray, type SQL, sql } from "drizzle-orm";
import { BM25_WEIGHTS, padWord, vocabularyWords } from "../domain/search-text.ts";
import { products, searchWords } from "./schema.ts";
import type { CatalogTx } from "./tx.ts";

const CHUNK = 500;

/** FTS5's bm25 of a products_fts row with the shop's column weights (lower is better). */
export const BM25 = sql.raw(`bm25(products_fts, ${BM25_WEIGHTS.map((w) => w.toFixed(1)).join(", ")})`);

/**
 * Brings the search index of these products up to date: their full-text rows (title,
 * description, brand, SKUs) and any new words for typo correction. Called inside the same
 * transaction as the product write, so search never sees a half-written product.
 */
export async function reindexProducts(tx: CatalogTx, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const list = sql.join(
      chunk.map((id) => sql`${id}`),
      sql`, `,
    );
    await tx.run(sql`DELETE FROM products_fts WHERE rowid IN (SELECT doc_id FROM products WHERE id IN (${list}))`);
    await tx.run(
      sql`INSERT INTO products_fts (rowid, title, description, brand, skus) ${documents(sql`p.id IN (${list})`)}`,
    );
    const texts = await tx
      .select({ title: products.title, description: products.description, brand: products.brand })
      .from(products)
      .where(inArray(products.id, chunk));
    await addVocabulary(
      tx,
      texts.flatMap((t) => vocabularyWords(`${t.title} ${t.brand ?? ""} ${t.description}`)),
    );
  }
}

/** Rebuilds the whole search index from the products (after a bulk load). */
export async function rebuildSearchIndex(tx: CatalogTx): Promise<void> {
  await tx.run(sql`DELETE FROM products_fts`);
  await tx.run(sql`INSERT INTO products_fts (rowid, title, description, brand, skus) ${documents(sql`1 = 1`)}`);
  await tx.run(sql`DELETE FROM search_words`);
  await tx.run(sql`DELETE FROM search_words_fts`);
  const vocabulary = new Set<string>();
  let after = "";
  for (;;) {
    const rows = await tx.all<{ id: string; text: string }>(sql`
      SELECT id, title || ' ' || coalesce(brand, '') || ' ' || description AS text FROM products
      WHERE id > ${after} ORDER BY id LIMIT 5000`);
    if (rows.length === 0) break;
    for (const r of rows) for (const w of vocabularyWords(r.text)) vocabulary.add(w);
    after = rows.at(-1)!.id;
  }
  await addVocabulary(tx, [...vocabulary]);
}

function documents(where: SQL) {
  return sql`SELECT p.doc_id, p.title, p.description, coalesce(p.brand, ''),
    coalesce((SELECT group_concat(v.sku, ' ') FROM variants v WHERE v.product_id = p.id), '')
    FROM products p WHERE ${where}`;
}

/** Adds words not yet known to the vocabulary and its trigram index. Words are never removed: a stale one only widens a correction that then finds nothing. */
async function addVocabulary(tx: CatalogTx, words: string[]): Promise<void> {
  const unique = [...new Set(words)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const added = await tx
      .insert(searchWords)
      .values(unique.slice(i, i + CHUNK).map((word) => ({ word })))
      .onConflictDoNothing()
      .returning({ word: searchWords.word });
    if (added.length === 0) continue;
    await tx.run(
      sql`INSERT INTO search_words_fts (word) VALUES ${sql.join(
        added.map((a) => sql`(${padWord(a.word)})`),
        sql`, `,
      )}`,
    );
  }
}
