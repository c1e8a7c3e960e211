/**
 * Pure text rules of product search: how query text becomes FTS5 queries, the vocabulary words
 * of a product, and the edit distance that decides whether a misspelling is close enough.
 */

/** Lower-case words without diacritics, split like FTS5's unicode61 tokenizer splits. */
export function words(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Words worth correcting typos against: alphabetic, three letters or more. */
export function vocabularyWords(text: string): string[] {
  return [...new Set(words(text).filter((w) => w.length >= 3 && /^\p{L}+$/u.test(w)))];
}

/**
 * bm25 weight per column of products_fts (title, description, brand, SKUs): a title hit counts
 * most. FTS5's `bm25()` and the in-memory text index (text-index.ts) both rank with these.
 */
export const BM25_WEIGHTS: readonly number[] = [10, 1, 4, 6];

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * An FTS5 expression that matches no row (the empty phrase). Text of only punctuation (`"`, `*`,
 * `(`) is a search for nothing, not an empty query: answering null for it made the listing drop
 * the search and show every product.
 */
export const MATCH_NOTHING = '""';

/** One word of a search: a prefix while typed ("shir" finds "shirt"), or an exact correction or synonym. */
export interface SearchTerm {
  readonly word: string;
  readonly prefix: boolean;
}

/**
 * A search as its parts: every group must match (AND), each group by any of its terms (OR). A
 * group without terms matches nothing. FTS5 answers it as `ftsExpression`; the catalog's text
 * index (text-index.ts) answers the same structure without parsing the expression back.
 */
export type SearchQuery = readonly (readonly SearchTerm[])[];

/**
 * The search for a text: each word as a prefix, or as a prefix OR its `corrections` (vocabulary
 * words within its allowed edits, or its synonyms). Null for blank text (no search at all); a
 * query matching nothing for text that has characters but no words.
 */
export function searchQuery(
  text: string,
  corrections: ReadonlyMap<string, readonly string[]> = new Map(),
): SearchQuery | null {
  if (text.trim() === "") return null;
  const terms = words(text);
  if (terms.length === 0) return [[]];
  return terms.map((t) => [
    { word: t, prefix: true },
    ...[...new Set(corrections.get(t) ?? [])].filter((a) => a !== t).map((word) => ({ word, prefix: false })),
  ]);
}

/** The FTS5 MATCH expression of a search. */
export function ftsExpression(query: SearchQuery): string {
  if (query.length === 0 || query.some((g) => g.length === 0)) return MATCH_NOTHING;
  return query
    .map((group) => {
      const alternatives = group.map((t) => (t.prefix ? `${quote(t.word)}*` : quote(t.word)));
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" OR ")})`;
    })
    .join(" AND ");
}

/** A search that matches nothing (text of punctuation only). */
export const matchesNothing = (query: SearchQuery): boolean => query.some((g) => g.length === 0);

/**
 * The exact FTS5 query: every word must match, each as a prefix so results come as you type
 * ("shir" finds "shirt"). Null for blank text (no search at all); MATCH_NOTHING for text that has
 * characters but no words.
 */
export function prefixQuery(text: string): string | null {
  const query = searchQuery(text);
  return query && ftsExpression(query);
}

/** Words of four letters or more may be misspelt by one edit; eight or more by two. */
export function allowedEdits(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 4) return 1;
  return 0;
}

/** How a vocabulary word is stored in the trigram table: padded so first and last letters form trigrams. */
export function padWord(word: string): string {
  return `^^${word}$$`;
}

/**
 * The trigram OR-query for a word's correction candidates. With the padding, a single
 * substitution or transposition always leaves the first-letter or the last-letter trigram intact,
 * so the right word is always among the matches; ranking by shared trigrams brings it to the top.
 */
export function trigramQuery(word: string, opts: { prefix?: boolean } = {}): string {
  // A word still being typed has no end yet: its end-padding trigrams would favour short words.
  const padded = opts.prefix ? `^^${word}` : padWord(word);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams].map(quote).join(" OR ");
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  return alignment(a, b)[a.length]![b.length]!;
}

/**
 * The edit distance from a word still being typed to the closest beginning of `word`: how far
 * "basxbal" is from "baseball" when the shopper has not finished typing (1: "basebal" with one
 * substitution). The least distance of `typed` to any prefix of `word`.
 */
export function prefixEditDistance(typed: string, word: string, max = Number.POSITIVE_INFINITY): number {
  if (word.length + max < typed.length) return max + 1;
  const last = alignment(typed, word)[typed.length]!;
  return Math.min(...last);
}

/** The optimal string alignment table of `a` against `b`: cell [i][j] is the distance of a[0..i) to b[0..j). */
function alignment(a: string, b: string): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) rows[i]!.push(i === 0 ? j : 0);
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows;
}

/**
 * The FTS5 query after correction: each word becomes its prefix form OR its corrections.
 * `corrections` maps a query word to the vocabulary words within its allowed edits.
 */
export function correctedQuery(text: string, corrections: ReadonlyMap<string, readonly string[]>): string | null {
  const query = searchQuery(text, corrections);
  return query && ftsExpression(query);
}

/**
 * The edits a "did you mean" suggestion may make to a word: one more than a silent correction, so
 * a search that found nothing can still be pointed at the nearest spelling the shop knows.
 */
export function suggestionEdits(word: string): number {
  return word.length >= 3 ? allowedEdits(word) + 1 : 0;
}
