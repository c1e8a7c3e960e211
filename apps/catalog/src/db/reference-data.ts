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

/** What one request has read already (one snapshot per request; see `snapshotPerRequest`). */
const perRequest = new WeakMap<object, WeakMap<ReadDb, Promise<ReferenceData>>>();
let requestScope: () => object | undefined = () => undefined;

/**
 * Makes every read of one request share its first snapshot: `scope` returns an object that lives
 * as long as the request (the service gives one to each GET request, never to a write's, which
 * must read back what it wrote). A listing read the version three or four
 * times (categories, price lists in force, the next boundary, synonyms); now once, and one answer
 * sees one state of the reference tables. The catalog service sets it at start-up; without it
 * (the edge worker, event handlers, tests) every read checks the version itself. Nothing here
 * serves a long-lived stream, which would keep its first snapshot. Returns the scope it replaced.
 */
export function snapshotPerRequest(scope: () => object | undefined): () => object | undefined {
  const before = requestScope;
  requestScope = scope;
  return before;
}

/**
 * The reference tables as of this read (or of this request's first read, `snapshotPerRequest`),
 * from memory while their version (one row, bumped by triggers in the transaction of every write
 * to them, migration 0017) has not moved: one primary-key read instead of reading every category,
 * price list and synonym on every request. The version is read first, so what is held is never
 * older than it; a write by any instance or tool moves it.
 */
export function referenceData(db: ReadDb): Promise<ReferenceData> {
  const scope = requestScope();
  if (!scope) return latest(db);
  let mine = perRequest.get(scope);
  if (!mine) {
    mine = new WeakMap();
    perRequest.set(scope, mine);
  }
  let data = mine.get(db);
  if (!data) {
    data = latest(db);
    mine.set(db, data);
  }
  return data;
}

async function latest(db: ReadDb): Promise<ReferenceData> {
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
