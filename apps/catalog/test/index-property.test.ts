/**
 * The catalog's index agrees with its database (#25): after random writes through the real service
 * (creates, edits of text, brand, categories and prices, archives, restores, stock events over real
 * NATS), every structure listings, facets and search read — full-text rows, vocabulary, option rows,
 * listing rows per currency, in-stock flags, category sets, from-prices — equals what the source
 * rows say, search finds exactly the active products holding a word, and `rebuildIndex` (the full
 * recomputation) leaves all of it as the live writes had made it. The in-memory listing index
 * (#25) answers every listing (each sort, each filter, every page with its cards, total and facets)
 * as the SQL over those tables does, and an index loaded afresh answers as the live one kept current.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { StockChanged } from "@mercato/events";
import fc from "fast-check";
import { listProducts } from "../src/app/list-products.ts";
import { type ListingIndexStore, listingIndexStore } from "../src/app/listing-index-sync.ts";
import { rebuildIndex } from "../src/app/rebuild-index.ts";
import { adminListInput, SORTS } from "../src/contract.ts";
import { vocabularyWords } from "../src/domain/search-text.ts";
import { eventually, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
const categoryIds: string[] = [];
const productIds: string[] = [];
let seq = 0;

/** Words far apart (no two within one edit, none a prefix of another), so search answers are exact. */
const WORDS = ["quokka", "zephyr", "marmot", "lychee", "fjord", "banjo"] as const;
const BRANDS = ["Acme", "Borealis", null] as const;
const PRICES = [0, 999, 2_500, 10_000] as const;

beforeAll(async () => {
  h = await startCatalog({ SEED_DEMO: "false" });
  const home = await h.admin.catalog.admin.categories.create.mutate({ name: "Home", parentId: null });
  const kitchen = await h.admin.catalog.admin.categories.create.mutate({ name: "Kitchen", parentId: home.id });
  const garden = await h.admin.catalog.admin.categories.create.mutate({ name: "Garden", parentId: null });
  categoryIds.push(home.id, kitchen.id, garden.id);
}, 60_000);

afterAll(() => h?.dispose());

const rows = async <T>(query: string) => (await h.catalog.deps.db.client.execute(query)).rows as unknown as T[];

/** Every derived structure, in a canonical order, for comparing the live index with a rebuilt one. */
async function indexSnapshot() {
  const fts = await rows<{ rowid: number; title: string; description: string; brand: string; skus: string }>(
    "SELECT rowid, title, description, brand, skus FROM products_fts ORDER BY rowid",
  );
  return {
    fts: fts.map((r) => ({ ...r, skus: r.skus.split(" ").filter(Boolean).sort().join(" ") })),
    listing: await rows("SELECT * FROM product_prices ORDER BY product_id, currency"),
    options: await rows("SELECT name, value, product_id FROM product_options ORDER BY product_id, name, value"),
    derived: await rows("SELECT id, in_stock, category_set, min_price, currency FROM products ORDER BY id"),
    vocabulary: new Set((await rows<{ word: string }>("SELECT word FROM search_words")).map((r) => r.word)),
    trigrams: new Set((await rows<{ word: string }>("SELECT word FROM search_words_fts")).map((r) => r.word)),
  };
}

interface Source {
  id: string;
  docId: number;
  title: string;
  description: string;
  brand: string | null;
  status: string;
  variants: { sku: string; available: number; options: Record<string, string>; prices: Map<string, number> }[];
  categories: string[];
}

/** The source rows, read on their own, apart from any derived structure. */
async function sources(): Promise<Source[]> {
  const products = await rows<{
    id: string;
    doc_id: number;
    title: string;
    description: string;
    brand: string | null;
    status: string;
  }>("SELECT id, doc_id, title, description, brand, status FROM products ORDER BY id");
  const variants = await rows<{ sku: string; product_id: string; available: number; options: string }>(
    "SELECT sku, product_id, available, options FROM variants",
  );
  const prices = await rows<{ sku: string; currency: string; amount: number }>(
    "SELECT sku, currency, amount FROM variant_prices",
  );
  const links = await rows<{ product_id: string; category_id: string }>("SELECT * FROM product_categories");
  return products.map((p) => ({
    id: p.id,
    docId: Number(p.doc_id),
    title: p.title,
    description: p.description,
    brand: p.brand,
    status: p.status,
    variants: variants
      .filter((v) => v.product_id === p.id)
      .map((v) => ({
        sku: v.sku,
        available: Number(v.available),
        options: JSON.parse(v.options) as Record<string, string>,
        prices: new Map(prices.filter((x) => x.sku === v.sku).map((x) => [x.currency, Number(x.amount)])),
      })),
    categories: links.filter((l) => l.product_id === p.id).map((l) => l.category_id),
  }));
}

/** What the index must hold, computed from the source rows one product at a time. */
function expectedIndex(products: Source[]) {
  return {
    fts: products
      .map((p) => ({
        rowid: p.docId,
        title: p.title,
        description: p.description,
        brand: p.brand ?? "",
        skus: p.variants
          .map((v) => v.sku)
          .sort()
          .join(" "),
      }))
      .sort((a, b) => a.rowid - b.rowid),
    inStock: new Map(products.map((p) => [p.id, p.variants.some((v) => v.available > 0) ? 1 : 0])),
    categorySet: new Map(products.map((p) => [p.id, [...p.categories].sort().join(" ")])),
    listing: products
      .flatMap((p) => {
        const from = new Map<string, number>();
        for (const v of p.variants)
          for (const [c, a] of v.prices) from.set(c, Math.min(from.get(c) ?? Number.POSITIVE_INFINITY, a));
        return [...from].map(([currency, minPrice]) => ({ productId: p.id, currency, minPrice, status: p.status }));
      })
      .sort((a, b) => `${a.productId}/${a.currency}`.localeCompare(`${b.productId}/${b.currency}`)),
    options: [
      ...new Set(
        products.flatMap((p) =>
          p.variants.flatMap((v) => Object.entries(v.options).map(([n, val]) => `${p.id}|${n}|${val}`)),
        ),
      ),
    ].sort(),
    words: new Set(products.flatMap((p) => vocabularyWords(`${p.title} ${p.brand ?? ""} ${p.description}`))),
  };
}

/** For each word, the ids search finds (all pages), and the ids it must find. */
async function searchAnswers(products: Source[]) {
  const out: Record<string, { found: string[]; want: string[] }> = {};
  for (const word of WORDS) {
    const found: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.shop.catalog.products.list.query({ q: word, limit: 50, cursor });
      found.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const want = products
      .filter((p) => p.status === "active" && vocabularyWords(`${p.title} ${p.description}`).includes(word))
      .map((p) => p.id);
    out[word] = { found: found.sort(), want: want.sort() };
  }
  return out;
}

/** Listings covering every sort (unfiltered and searching) and every filter (each with two sorts in turn). */
const FILTERS = [
  { q: "zephyr marmot" },
  { brands: ["Acme"] },
  { brands: ["Acme", "Borealis"], minPrice: 999 },
  { minPrice: 1, maxPrice: 2_500 },
  { options: { colour: ["Blue", "Green"] } },
  { inStock: true, options: { colour: ["Red"] } },
  { category: "home" },
  { category: "garden", inStock: true, brands: ["Borealis"] },
  { currency: "GBP" as const },
  { status: "draft" as const },
];
const LISTINGS = [
  ...SORTS.flatMap((sort) => [{ sort }, { sort, q: "quokka" }]),
  ...FILTERS.flatMap((f, i) =>
    [SORTS[i % SORTS.length]!, SORTS[(i + 2) % SORTS.length]!].map((sort) => ({ ...f, sort })),
  ),
].map((f) => adminListInput.parse({ ...f, limit: 8 }));

/** Every page of every listing (its cards), with totals and facets, through the index or (without one) SQL. */
async function listingAnswers(index: ListingIndexStore | undefined) {
  const db = h.catalog.deps.db.orm;
  const out: unknown[] = [];
  for (const input of LISTINGS) {
    for (const includeHidden of [false, true]) {
      let cursor: string | undefined;
      do {
        const page = await listProducts(db, { ...input, cursor }, { includeHidden, index });
        // The whole cards, not only their ids: the index path reads them from its card cache.
        out.push({ input, includeHidden, items: page.items, total: page.total, facets: page.facets });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }
  return out;
}

// --- Random writes.
const wordsArb = fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 });
const catsArb = fc.uniqueArray(fc.nat({ max: 2 }), { maxLength: 2 });
const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      title: wordsArb,
      description: wordsArb,
      brand: fc.constantFrom(...BRANDS),
      cats: catsArb,
      prices: fc.array(fc.constantFrom(...PRICES), { minLength: 1, maxLength: 3 }),
      active: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      at: fc.nat(),
      title: fc.option(wordsArb, { nil: undefined }),
      description: fc.option(wordsArb, { nil: undefined }),
      brand: fc.option(fc.constantFrom(...BRANDS), { nil: undefined }),
      cats: fc.option(catsArb, { nil: undefined }),
      prices: fc.option(fc.array(fc.constantFrom(...PRICES), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      active: fc.option(fc.boolean(), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("archive" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restore" as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("stock" as const),
      at: fc.nat(),
      variant: fc.nat(),
      available: fc.nat({ max: 2 }),
    }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const variantsFor = (prices: readonly number[]) =>
  prices.map((price, i) => ({ sku: `IX-${++seq}`, price, options: { colour: ["Red", "Blue", "Green"][i]! } }));

async function apply(o: Op, stockSent: Map<string, number>): Promise<void> {
  const admin = h.admin.catalog.admin.products;
  if (o.kind === "create") {
    const created = await admin.create.mutate({
      title: `Probe ${++seq} ${o.title.join(" ")}`,
      description: o.description.join(" "),
      brand: o.brand,
      status: o.active ? "active" : "draft",
      categoryIds: o.cats.map((i) => categoryIds[i]!),
      variants: variantsFor(o.prices),
    });
    productIds.push(created.productId);
    return;
  }
  if (productIds.length === 0) return;
  const id = productIds[o.at % productIds.length]!;
  const current = await admin.byId.query({ id });
  switch (o.kind) {
    case "edit":
      if (current.status === "archived") return;
      await admin.update.mutate({
        id,
        ...(o.title ? { title: `Probe ${++seq} ${o.title.join(" ")}` } : {}),
        ...(o.description ? { description: o.description.join(" ") } : {}),
        ...(o.brand !== undefined ? { brand: o.brand } : {}),
        ...(o.cats ? { categoryIds: o.cats.map((i) => categoryIds[i]!) } : {}),
        ...(o.prices ? { variants: variantsFor(o.prices) } : {}),
        ...(o.active !== undefined ? { status: o.active ? "active" : "draft" } : {}),
      });
      return;
    case "archive":
      if (current.status !== "archived") await admin.archive.mutate({ id });
      return;
    case "restore":
      if (current.status === "archived") await admin.restore.mutate({ id });
      return;
    case "stock": {
      const sku = current.variants[o.variant % current.variants.length]!.sku;
      await h.catalog.deps.bus.publish(StockChanged, { sku, onHand: o.available, reserved: 0, available: o.available });
      stockSent.set(sku, o.available);
      return;
    }
  }
}

/** Stock arrives as events: wait until the catalog has handled the last one sent per SKU still sold. */
async function stockSettled(sent: Map<string, number>): Promise<void> {
  for (const [sku, available] of sent) {
    await eventually(async () => {
      const [row] = await rows<{ available: number }>(`SELECT available FROM variants WHERE sku = '${sku}'`);
      return !row || Number(row.available) === available ? true : undefined;
    }, 10_000);
  }
}

test("after random writes the index equals what the database says, and a rebuilt index equals the live one", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 8 }), async (ops) => {
      const stockSent = new Map<string, number>();
      for (const o of ops) await apply(o, stockSent);
      await stockSettled(stockSent);

      const source = await sources();
      const want = expectedIndex(source);
      const live = await indexSnapshot();
      expect(live.fts).toEqual(want.fts);
      for (const d of live.derived as { id: string; in_stock: number; category_set: string }[]) {
        expect(Number(d.in_stock)).toBe(want.inStock.get(d.id)!);
        expect(d.category_set).toBe(want.categorySet.get(d.id)!);
      }
      expect(
        (live.listing as { product_id: string; currency: string; min_price: number; status: string }[]).map((l) => ({
          productId: l.product_id,
          currency: l.currency,
          minPrice: Number(l.min_price),
          status: l.status,
        })),
      ).toEqual(want.listing);
      expect(
        (live.options as { name: string; value: string; product_id: string }[])
          .map((o) => `${o.product_id}|${o.name}|${o.value}`)
          .sort(),
      ).toEqual(want.options);
      for (const w of want.words) {
        expect(live.vocabulary.has(w)).toBe(true);
        expect(live.trigrams.has(`^^${w}$$`)).toBe(true);
      }
      const answers = await searchAnswers(source);
      for (const a of Object.values(answers)) expect(a.found).toEqual(a.want);
      const bySql = await listingAnswers(undefined);
      expect(await listingAnswers(h.catalog.deps.listingIndex)).toEqual(bySql);
      expect(await listingAnswers(listingIndexStore(h.catalog.deps.db.orm))).toEqual(bySql);

      await rebuildIndex(h.catalog.deps.db);
      const rebuilt = await indexSnapshot();
      expect(rebuilt.fts).toEqual(live.fts);
      expect(rebuilt.listing).toEqual(live.listing);
      expect(rebuilt.options).toEqual(live.options);
      expect(rebuilt.derived).toEqual(live.derived);
      // Words are never removed live (a stale one only widens a typo correction): the rebuilt
      // vocabulary is the current one, all of it in the live vocabulary.
      expect([...rebuilt.vocabulary].sort()).toEqual([...want.words].sort());
      for (const w of rebuilt.vocabulary) expect(live.vocabulary.has(w)).toBe(true);
      expect(await searchAnswers(source)).toEqual(answers);
      expect(await listingAnswers(h.catalog.deps.listingIndex)).toEqual(await listingAnswers(undefined));
    }),
    { numRuns: 25, endOnFailure: true },
  );
  expect(productIds.length).toBeGreaterThan(5);
}, 240_000);
