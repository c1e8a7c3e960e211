import { asc } from "drizzle-orm";
import { type CategoryRow, preparedRead, type ReadDb } from "./queries.ts";
import { categories, priceLists, referenceVersion, searchSynonyms } from "./schema.ts";

export type PriceListRow = typeof priceLists.$inferSelect;

/** The catalog's small tables every listing, product page and price check reads. */
export interface ReferenceData {
  /** Every category, in display order (position, then name). */
  categories: CategoryRow[];
  /** Every price list (a shop runs a handful): which are in force is decided per read, by time. */
  priceLists: PriceListRow[];
  /** Every staff-edited search synonym (a shop keeps dozens, not thousands). */
  synonyms: { word: string; synonym: string; twoWay: boolean }[];
}

const versionRead = preparedRead((db) =>
  db.select({ version: referenceVersion.version }).from(referenceVersion).prepare(),
);
const categoriesInOrder = preparedRead((db) =>
  db.select().from(categories).orderBy(asc(categories.position), asc(categories.name)).prepare(),
);
const everyPriceList = preparedRead((db) => db.select().from(priceLists).prepare());
const everySynonym = preparedRead((db) =>
  db
    .select({ word: searchSynonyms.word, synonym: searchSynonyms.synonym, twoWay: searchSynonyms.twoWay })
    .from(searchSynonyms)
    .orderBy(asc(searchSynonyms.word), asc(searchSynonyms.synonym))
    .prepare(),
);

const held = new WeakMap<ReadDb, { version: number; data: Promise<ReferenceData> }>();

/**
 * The reference tables as of this read, from memory while their version (one row, bumped by
 * triggers in the transaction of every write to them, migration 0017) has not moved: one
 * primary-key read instead of reading every category and price list on every request. The version
 * is read first, so what is held is never older than it; a write by any instance or tool moves it.
 */
export async function referenceData(db: ReadDb): Promise<ReferenceData> {
  const [row] = await versionRead(db).all();
  const version = row?.version ?? -1;
  const found = held.get(db);
  if (found && found.version === version) return found.data;
  const data = Promise.all([categoriesInOrder(db).all(), everyPriceList(db).all(), everySynonym(db).all()]).then(
    ([c, p, s]) => ({ categories: c, priceLists: p, synonyms: s }),
  );
  held.set(db, { version, data });
  // A failed read is not kept: the next caller reads again.
  data.catch(() => {
    if (held.get(db)?.data === data) held.delete(db);
  });
  return data;
}

/** Every category, in display order (position, then name). */
export async function allCategories(db: ReadDb): Promise<CategoryRow[]> {
  return (await referenceData(db)).categories;
}
