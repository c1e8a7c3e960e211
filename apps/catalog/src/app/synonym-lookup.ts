import { sql } from "drizzle-orm";
import type { ReadDb } from "../db/queries.ts";

// The search's own read of the synonyms, apart from the staff edits in synonyms.ts: search runs in
// the edge bundle too, which must not pull in the kit (Bun and Node built-ins).
/**
 * The synonyms of the words of a search: for each query word, the words it also finds (its
 * own synonyms, and the words that name it as a two-way synonym). Read on every search, so a
 * staff change applies to the next search (one indexed lookup; no cache to go stale).
 */
export async function synonymsOf(db: ReadDb, terms: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (terms.length === 0) return found;
  const list = sql.join(
    [...new Set(terms)].map((t) => sql`${t}`),
    sql`, `,
  );
  const rows = await db.all<{ word: string; synonym: string; two_way: number }>(sql`
    SELECT word, synonym, two_way FROM search_synonyms
    WHERE word IN (${list}) OR (two_way = 1 AND synonym IN (${list}))`);
  const wanted = new Set(terms);
  const add = (from: string, to: string) => {
    if (wanted.has(from)) found.set(from, [...(found.get(from) ?? []), to]);
  };
  for (const r of rows) {
    add(r.word, r.synonym);
    if (Number(r.two_way)) add(r.synonym, r.word);
  }
  return found;
}
