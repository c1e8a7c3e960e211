import type { ReadDb } from "../db/queries.ts";
import { referenceData } from "../db/reference-data.ts";

// The search's own read of the synonyms, apart from the staff edits in synonyms.ts: search runs in
// the edge bundle too, which must not pull in the kit (Bun and Node built-ins).
/**
 * The synonyms of the words of a search: for each query word, the words it also finds (its
 * own synonyms, and the words that name it as a two-way synonym). From the reference data held in
 * memory (db/reference-data.ts), re-read when any instance's write moved its version, so a staff
 * change applies to the next search.
 */
export async function synonymsOf(db: ReadDb, terms: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (terms.length === 0) return found;
  const wanted = new Set(terms);
  const add = (from: string, to: string) => {
    if (wanted.has(from)) found.set(from, [...(found.get(from) ?? []), to]);
  };
  for (const r of (await referenceData(db)).synonyms) {
    add(r.word, r.synonym);
    if (r.twoWay) add(r.synonym, r.word);
  }
  return found;
}
