import { currentUser } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { conflict, forbidden, notFound } from "@mercato/kit/errors";
import { and, asc, count, eq } from "drizzle-orm";
import type { z } from "zod";
import { type removeSynonymInput, type SaveSynonymInput, type SearchSynonym, SYNONYM_LIMITS } from "../contract.ts";
import { searchSynonyms } from "../db/schema.ts";
import type { CatalogDeps } from "../deps.ts";
import { sellerScope } from "./seller-scope.ts";

type Row = typeof searchSynonyms.$inferSelect;
type SaveSynonym = Required<Pick<SaveSynonymInput, "word" | "synonym" | "twoWay">>;
type RemoveSynonym = z.output<typeof removeSynonymInput>;

const view = (r: Row): SearchSynonym => ({
  word: r.word,
  synonym: r.synonym,
  twoWay: r.twoWay,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
});

/** Every synonym, alphabetically by word then synonym. */
export async function listSynonyms(deps: Pick<CatalogDeps, "db">): Promise<SearchSynonym[]> {
  const rows = await deps.db.orm
    .select()
    .from(searchSynonyms)
    .orderBy(asc(searchSynonyms.word), asc(searchSynonyms.synonym));
  return rows.map(view);
}

/**
 * Synonyms steer every shopper's search: a seller (#20, scoped to its own products) holds
 * catalog.write but must not widen searches towards its products. Refused with 403 naming `word`.
 */
function assertShopStaff(): void {
  if (sellerScope()) throw forbidden("word", "synonyms apply to the whole shop: sellers cannot edit them");
}

/**
 * Adds a synonym (or changes the direction of an existing pair). A pair given the other way round
 * of an existing one is refused (409 naming `synonym`): one row says both directions. Audited.
 */
export function saveSynonym(deps: Pick<CatalogDeps, "db">, input: SaveSynonym): Promise<SearchSynonym> {
  assertShopStaff();
  const by = currentUser()?.email ?? null;
  return deps.db.write(async (tx) => {
    const [reverse] = await tx
      .select()
      .from(searchSynonyms)
      .where(and(eq(searchSynonyms.word, input.synonym), eq(searchSynonyms.synonym, input.word)));
    if (reverse) throw conflict("synonym", `"${input.synonym}" → "${input.word}" is already there: change that one`);
    const [current] = await tx
      .select()
      .from(searchSynonyms)
      .where(and(eq(searchSynonyms.word, input.word), eq(searchSynonyms.synonym, input.synonym)));
    if (!current) {
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(searchSynonyms);
      if (n >= SYNONYM_LIMITS.entries) throw conflict("word", `at most ${SYNONYM_LIMITS.entries} synonyms`);
    }
    const row: Row = {
      word: input.word,
      synonym: input.synonym,
      twoWay: input.twoWay,
      createdAt: current?.createdAt ?? new Date(),
      createdBy: current ? current.createdBy : by,
    };
    await tx
      .insert(searchSynonyms)
      .values(row)
      .onConflictDoUpdate({ target: [searchSynonyms.word, searchSynonyms.synonym], set: { twoWay: row.twoWay } });
    const saved = view(row);
    await recordAudit(tx, {
      action: "catalog.admin.search.synonyms.save",
      targetId: `${row.word}→${row.synonym}`,
      before: current ? view(current) : null,
      after: saved,
    });
    return saved;
  });
}

/** Removes a synonym; 404 naming `synonym` when there is no such pair. Audited. */
export function removeSynonym(deps: Pick<CatalogDeps, "db">, input: RemoveSynonym): Promise<{ removed: true }> {
  assertShopStaff();
  return deps.db.write(async (tx) => {
    const where = and(eq(searchSynonyms.word, input.word), eq(searchSynonyms.synonym, input.synonym));
    const [current] = await tx.select().from(searchSynonyms).where(where);
    if (!current) throw notFound("synonym", `no synonym "${input.word}" → "${input.synonym}"`);
    await tx.delete(searchSynonyms).where(where);
    await recordAudit(tx, {
      action: "catalog.admin.search.synonyms.remove",
      targetId: `${current.word}→${current.synonym}`,
      before: view(current),
      after: null,
    });
    return { removed: true as const };
  });
}
