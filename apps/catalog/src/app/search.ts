import { type SQL, sql } from "drizzle-orm";
import type { ReadDb } from "../db/queries.ts";
import { allowedEdits, correctedQuery, editDistance, prefixQuery, trigramQuery, words } from "../domain/search-text.ts";

/** How many trigram neighbours of a misspelt word are checked by edit distance. */
const CANDIDATES_PER_WORD = 60;

/**
 * The FTS5 MATCH expression for a search text: the exact prefix query when it finds anything
 * visible, else the same query with each misspelt word widened to its vocabulary neighbours
 * (trigram OR-match, ranked by shared trigrams, kept when within the allowed edit distance).
 * Null when the text has no words at all.
 */
export async function resolveSearch(db: ReadDb, text: string, statusSql: SQL): Promise<string | null> {
  const exact = prefixQuery(text);
  if (!exact) return null;
  if (await anyHit(db, exact, statusSql)) return exact;

  const corrections = new Map<string, string[]>();
  for (const word of new Set(words(text))) {
    const maxEdits = allowedEdits(word);
    if (maxEdits === 0) continue;
    const candidates = await db.all<{ word: string }>(sql`
      SELECT word FROM search_words_fts WHERE search_words_fts MATCH ${trigramQuery(word)}
      ORDER BY rank LIMIT ${CANDIDATES_PER_WORD}`);
    const close = candidates
      .map((c) => c.word.slice(2, -2))
      .filter((w) => w !== word && editDistance(word, w, maxEdits) <= maxEdits);
    if (close.length) corrections.set(word, close);
  }
  if (corrections.size === 0) return exact; // nothing close either: the exact query's empty answer stands
  return correctedQuery(text, corrections);
}

async function anyHit(db: ReadDb, match: string, statusSql: SQL): Promise<boolean> {
  const rows = await db.all(sql`
    SELECT 1 FROM products_fts f JOIN products p ON p.doc_id = f.rowid
    WHERE products_fts MATCH ${match} AND ${statusSql} LIMIT 1`);
  return rows.length > 0;
}
