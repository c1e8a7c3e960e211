// Search quality while typing (#25) on the demo catalog: a typo in the word still being typed,
// staff-edited synonyms (applied without a restart), "did you mean" for a search that finds
// nothing, and zero-result searches always announced for analytics. Expectations are worked out
// from the demo data (its words), not from the answers.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createDatabase } from "@mercato/db";
import { outbox } from "@mercato/events/tables";
import { like } from "drizzle-orm";
import * as schema from "../src/db/schema.ts";
import { DEMO_PRODUCTS } from "../src/db/seed-data.ts";
import { prefixEditDistance, words } from "../src/domain/search-text.ts";
import { clientFor, eventually, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;

beforeAll(async () => {
  // A sampling rate so low that a search with results is as good as never announced.
  h = await startCatalog({ SEARCH_EVENT_SAMPLE_RATE: "0.000000001" });
}, 30_000);

afterAll(() => h?.dispose());

const textWords = (p: (typeof DEMO_PRODUCTS)[number]) => words(`${p.title} ${p.brand} ${p.description}`);
/** Demo products with a word that starts with `prefix` (how the exact search matches a word being typed). */
const withPrefix = (prefix: string) => DEMO_PRODUCTS.filter((p) => textWords(p).some((w) => w.startsWith(prefix)));
const withWord = (word: string) => DEMO_PRODUCTS.filter((p) => textWords(p).includes(word));
const slugs = (items: { slug: string }[]) => items.map((i) => i.slug).sort();
const search = (q: string) => h.shop.catalog.products.list.query({ q, limit: 100 });

describe("a typo in the word being typed", () => {
  test("basxbal finds Baseball Cap, as basebal does; totals and facets count what is listed", async () => {
    const want = DEMO_PRODUCTS.filter((p) => textWords(p).some((w) => prefixEditDistance("basxbal", w, 1) <= 1));
    expect(want.map((p) => p.title)).toContain("Baseball Cap");
    expect(withPrefix("basxbal")).toEqual([]);
    const typo = await search("basxbal");
    expect(slugs(typo.items)).toEqual(slugs(want));
    expect(typo.total).toBe(want.length);
    expect(typo.facets.brands.reduce((n, b) => n + b.count, 0)).toBe(want.length);
    const exact = await search("basebal");
    expect(slugs(exact.items)).toEqual(slugs(withPrefix("basebal")));
  });

  test("the typo is forgiven in the last word after exact earlier words", async () => {
    const want = withWord("cap").filter((p) => textWords(p).some((w) => prefixEditDistance("basxbal", w, 1) <= 1));
    expect(want.length).toBeGreaterThan(0);
    expect(slugs((await search("cap basxbal")).items)).toEqual(slugs(want));
  });

  test("a prefix that finds products is answered exactly, without corrections mixed in", async () => {
    // "shirt" finds products; its one-edit neighbours ("shift"…) must not widen the answer.
    const exact = await search("shirt");
    expect(exact.total).toBe(withPrefix("shirt").length);
    expect(slugs(exact.items)).toEqual(slugs(withPrefix("shirt")));
  });

  test("two edits in a short word being typed are not forgiven (the search finds nothing)", async () => {
    const none = await search("jakkit");
    expect(none.total).toBe(0);
    expect(none.items).toEqual([]);
  });
});

describe("did you mean", () => {
  test("a search that found nothing gets the nearest known spelling, which finds something", async () => {
    const { suggestion } = await h.shop.catalog.products.didYouMean.query({ q: "jakkit" });
    expect(suggestion).toBe("jacket");
    expect((await search(suggestion!)).total).toBe(withPrefix("jacket").length);
  });

  test("known words are kept, misspelt ones replaced", async () => {
    const { suggestion } = await h.shop.catalog.products.didYouMean.query({ q: "wool ovrecaot" });
    expect(suggestion).toBe("wool overcoat");
  });

  test("nothing to suggest for words far from every known one, or for known words", async () => {
    expect((await h.shop.catalog.products.didYouMean.query({ q: "zzqxv" })).suggestion).toBeNull();
    expect((await h.shop.catalog.products.didYouMean.query({ q: "jacket" })).suggestion).toBeNull();
  });

  test("a blank or overlong text is a 400 naming q", async () => {
    for (const q of ["   ", "x".repeat(201)]) {
      const err = await failure(h.shop.catalog.products.didYouMean.query({ q }));
      expect(err.data?.httpStatus).toBe(400);
      expect(JSON.stringify(err.data)).toContain('"q"');
    }
  });
});

describe("synonyms edited by staff", () => {
  test("a two-way synonym widens both words at once (no restart); removing it undoes that", async () => {
    expect((await search("bonnet")).total).toBe(0);
    const beanies = await search("beanie");
    expect(beanies.total).toBe(withPrefix("beanie").length);
    expect(beanies.total).toBeGreaterThan(0);

    const saved = await h.admin.catalog.admin.search.synonyms.save.mutate({ word: " Bonnet ", synonym: "beanie" });
    expect(saved).toMatchObject({ word: "bonnet", synonym: "beanie", twoWay: true, createdBy: "admin@example.com" });
    const widened = await search("bonnet");
    expect(slugs(widened.items)).toEqual(slugs(withWord("beanie")));
    expect(widened.total).toBe(withWord("beanie").length);
    // Both ways: "beanie" also finds products saying "bonnet" (none in the demo): the same list.
    expect(slugs((await search("beanie")).items)).toEqual(slugs(beanies.items));
    expect(await h.admin.catalog.admin.search.synonyms.list.query()).toContainEqual(
      expect.objectContaining({ word: "bonnet", synonym: "beanie", twoWay: true }),
    );

    await h.admin.catalog.admin.search.synonyms.remove.mutate({ word: "bonnet", synonym: "beanie" });
    expect((await search("bonnet")).total).toBe(0);
    expect(await h.admin.catalog.admin.search.synonyms.list.query()).not.toContainEqual(
      expect.objectContaining({ word: "bonnet" }),
    );
  });

  test("a one-way synonym widens its word only", async () => {
    const sneakers = withWord("sneakers");
    const overcoats = withWord("overcoat");
    expect(sneakers.length).toBeGreaterThan(0);
    expect(overcoats.length).toBeGreaterThan(0);
    await h.admin.catalog.admin.search.synonyms.save.mutate({ word: "overcoat", synonym: "sneakers", twoWay: false });
    try {
      const wide = await search("overcoat");
      expect(slugs(wide.items)).toEqual(slugs([...new Set([...withPrefix("overcoat"), ...sneakers])]));
      expect(wide.total).toBe(new Set([...withPrefix("overcoat"), ...sneakers]).size);
      expect(slugs((await search("sneakers")).items)).toEqual(slugs(withPrefix("sneakers")));
      // Turned two-way, "sneakers" finds the overcoats too.
      await h.admin.catalog.admin.search.synonyms.save.mutate({ word: "overcoat", synonym: "sneakers" });
      expect(slugs((await search("sneakers")).items)).toEqual(
        slugs([...new Set([...withPrefix("sneakers"), ...overcoats])]),
      );
    } finally {
      await h.admin.catalog.admin.search.synonyms.remove.mutate({ word: "overcoat", synonym: "sneakers" });
    }
  });

  test("bad pairs are 4xx naming the field and write nothing; only staff with catalog.write may edit", async () => {
    const before = await h.admin.catalog.admin.search.synonyms.list.query();
    const cases = [
      [{ word: "two words", synonym: "x" }, "word", 400],
      [{ word: "cap", synonym: "c-a-p" }, "synonym", 400],
      [{ word: "cap", synonym: "CAP" }, "synonym", 400],
      [{ word: "", synonym: "hat" }, "word", 400],
      [{ word: "cap", synonym: "h".repeat(41) }, "synonym", 400],
    ] as const;
    for (const [input, field, status] of cases) {
      const err = await failure(h.admin.catalog.admin.search.synonyms.save.mutate(input));
      expect(err.data?.httpStatus).toBe(status);
      expect(JSON.stringify(err.data)).toContain(`"${field}"`);
    }
    await h.admin.catalog.admin.search.synonyms.save.mutate({ word: "cap", synonym: "hat" });
    const reverse = await failure(h.admin.catalog.admin.search.synonyms.save.mutate({ word: "hat", synonym: "cap" }));
    expect(reverse.data?.httpStatus).toBe(409);
    expect(JSON.stringify(reverse.data)).toContain('"synonym"');
    await h.admin.catalog.admin.search.synonyms.remove.mutate({ word: "cap", synonym: "hat" });
    const missing = await failure(h.admin.catalog.admin.search.synonyms.remove.mutate({ word: "cap", synonym: "hat" }));
    expect(missing.data?.httpStatus).toBe(404);
    expect(JSON.stringify(missing.data)).toContain('"synonym"');

    expect((await failure(h.customer.catalog.admin.search.synonyms.list.query())).data?.httpStatus).toBe(403);
    expect(
      (await failure(h.shop.catalog.admin.search.synonyms.save.mutate({ word: "cap", synonym: "hat" }))).data
        ?.httpStatus,
    ).toBe(401);
    // A seller holds catalog.write for its own products, not for what every shopper's search finds.
    const sellerToken = await h.issuer.sign({
      sub: "seller-1",
      email: "seller@example.com",
      role: "seller",
      perms: ["catalog.write", "inventory.adjust", "orders.read", "orders.fulfil"],
      sel: "seller-1",
    });
    const seller = clientFor(h.catalog.url, sellerToken);
    const refused = await failure(seller.catalog.admin.search.synonyms.save.mutate({ word: "cap", synonym: "hat" }));
    expect(refused.data?.httpStatus).toBe(403);
    expect(JSON.stringify(refused.data)).toContain('"word"');
    expect(await h.admin.catalog.admin.search.synonyms.list.query()).toEqual(before);
  });

  test("each change is audited with who made it", async () => {
    await h.admin.catalog.admin.search.synonyms.save.mutate({ word: "tote", synonym: "bag" });
    await h.admin.catalog.admin.search.synonyms.remove.mutate({ word: "tote", synonym: "bag" });
    const saves = await h.admin.catalog.admin.audit.list.query({ action: "catalog.admin.search.synonyms.save" });
    const removes = await h.admin.catalog.admin.audit.list.query({ action: "catalog.admin.search.synonyms.remove" });
    expect(JSON.stringify(saves)).toContain("tote→bag");
    expect(JSON.stringify(removes)).toContain("tote→bag");
  });
});

describe("zero-result searches for analytics", () => {
  test("a search that finds nothing is always announced (rate 1), one that finds something is sampled", async () => {
    const db = createDatabase(h.catalog.env.DATABASE_URL!, schema);
    try {
      const q = `qqzx${Date.now()}`;
      expect((await search(q)).total).toBe(0);
      expect((await search("jacket")).total).toBeGreaterThan(0);
      const sent = await eventually(async () => {
        const rows = await db.orm.select().from(outbox).where(like(outbox.subject, "%search.performed%"));
        const mine = rows.filter((r) => r.payload.includes(q));
        return mine.length === 1 && mine[0]!.sentAt ? mine : undefined;
      }, 15_000);
      const data = (JSON.parse(sent[0]!.payload) as { data: { query: string; results: number; sampleRate: number } })
        .data;
      expect(data).toMatchObject({ query: q, results: 0, sampleRate: 1 });
      const all = await db.orm.select().from(outbox).where(like(outbox.subject, "%search.performed%"));
      expect(all.some((r) => r.payload.includes('"jacket"'))).toBe(false);
    } finally {
      db.close();
    }
  });
});
