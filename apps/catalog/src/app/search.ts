import { type SQL, sql } from "drizzle-orm";
import type { DidYouMean } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import {
  allowedEdits,
  editDistance,
  ftsExpression,
  matchesNothing,
  prefixEditDistance,
  prefixQuery,
  type SearchQuery,
  searchQuery,
  suggestionEdits,
  trigramQuery,
  words,
} from "../domain/search-text.ts";
import { synonymsOf } from "./synonym-lookup.ts";

/** How many trigram neighbours of a misspelt word are checked by edit distance. */
const CANDIDATES_PER_WORD = 60;

/**
 * The search for a text (FTS5 answers it as `ftsExpression`): the exact prefix query (each word widened by its
 * staff-edited synonyms) when it finds anything visible, else the same query with each misspelt
 * word widened to its vocabulary neighbours (trigram OR-match, ranked by shared trigrams, kept
 * when within the allowed edit distance). The last word is the one still being typed: it is
 * compared with the beginnings of vocabulary words ("basxbal" is one edit from "basebal…", so it
 * finds Baseball Cap). Corrections are only tried when the exact query finds nothing, so an exact
 * match is never outranked by a correction. "Finds anything" means a listed product (one with a
 * listing row, in any currency) of the listing's status: `inMemory` answers it from the listing
 * and text indexes (null when it cannot: a phrase), else FTS5 does. Null when the text is blank.
 */
export async function resolveSearch(
  db: ReadDb,
  text: string,
  statusSql: SQL,
  inMemory?: (query: SearchQuery) => boolean | null,
): Promise<SearchQuery | null> {
  const exact = searchQuery(text);
  if (!exact || matchesNothing(exact)) return exact;
  const terms = words(text);
  const synonyms = await synonymsOf(db, terms);
  const withSynonyms = searchQuery(text, synonyms) ?? exact;
  // The listing index answers "finds anything listed" from memory when it can (not a phrase).
  const found = inMemory?.(withSynonyms) ?? (await anyHit(db, ftsExpression(withSynonyms), statusSql));
  if (found) return withSynonyms;

  const typing = terms.at(-1)!;
  const corrections = new Map<string, string[]>();
  for (const word of new Set(terms)) {
    const maxEdits = allowedEdits(word);
    if (maxEdits === 0) continue;
    const prefix = word === typing;
    const close = (await candidates(db, word, prefix)).filter(
      (w) =>
        w !== word && (prefix ? prefixEditDistance(word, w, maxEdits) : editDistance(word, w, maxEdits)) <= maxEdits,
    );
    if (close.length) corrections.set(word, close);
  }
  // Nothing close either: the exact query's empty answer stands.
  if (corrections.size === 0) return withSynonyms;
  for (const [word, list] of synonyms) corrections.set(word, [...list, ...(corrections.get(word) ?? [])]);
  return searchQuery(text, corrections);
}

/**
 * "Did you mean": for a search that found nothing, the nearest spelling the shop knows that finds
 * something: each word not in the vocabulary replaced by its closest vocabulary word (within
 * `suggestionEdits`, one more than a silent correction allows). Null when no such spelling finds a
 * visible product.
 */
export async function didYouMean(db: ReadDb, text: string, statusSql: SQL): Promise<string | null> {
  const terms = words(text);
  if (terms.length === 0) return null;
  const known = new Set(
    (
      await db.all<{ word: string }>(sql`
      SELECT word FROM search_words WHERE word IN (${sql.join(
        terms.map((t) => sql`${t}`),
        sql`, `,
      )})`)
    ).map((r) => r.word),
  );
  let changed = false;
  const fixed: string[] = [];
  for (const word of terms) {
    const maxEdits = suggestionEdits(word);
    if (known.has(word) || maxEdits === 0) {
      fixed.push(word);
      continue;
    }
    let best: { word: string; distance: number } | null = null;
    for (const candidate of await candidates(db, word, false)) {
      const distance = editDistance(word, candidate, maxEdits);
      if (distance <= maxEdits && (!best || distance < best.distance)) best = { word: candidate, distance };
    }
    fixed.push(best?.word ?? word);
    if (best) changed = true;
  }
  if (!changed) return null;
  const suggestion = fixed.join(" ");
  const match = prefixQuery(suggestion);
  return match && (await anyHit(db, match, statusSql)) ? suggestion : null;
}

/** The storefront's "did you mean": suggestions that find active products. */
export async function shopDidYouMean(db: ReadDb, text: string): Promise<DidYouMean> {
  return { suggestion: await didYouMean(db, text, sql`p.status = 'active'`) };
}

/** Vocabulary words sharing the most trigrams with `word` (with `prefix`, only its beginning is padded). */
async function candidates(db: ReadDb, word: string, prefix: boolean): Promise<string[]> {
  const rows = await db.all<{ word: string }>(sql`
    SELECT word FROM search_words_fts WHERE search_words_fts MATCH ${trigramQuery(word, { prefix })}
    ORDER BY rank LIMIT ${CANDIDATES_PER_WORD}`);
  return rows.map((c) => c.word.slice(2, -2));
}

async function anyHit(db: ReadDb, match: string, statusSql: SQL): Promise<boolean> {
  const rows = await db.all(sql`
    SELECT 1 FROM products_fts f JOIN products p ON p.doc_id = f.rowid
    WHERE products_fts MATCH ${match} AND ${statusSql}
      AND EXISTS (SELECT 1 FROM product_prices l WHERE l.product_id = p.id) LIMIT 1`);
  return rows.length > 0;
}
