// Disjunctive facets, option filters, the category facet's tree and search suggestions (#21), on
// the demo catalog: every expectation is worked out from the demo data, not from the answer.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SUGGEST_LIMITS } from "../src/contract.ts";
import { DEMO_CATEGORIES, DEMO_PRODUCTS, type DemoProduct, demoVariants } from "../src/db/seed-data.ts";
import { type Client, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
let shop: Client;

beforeAll(async () => {
  h = await startCatalog();
  shop = h.shop;
}, 30_000);

afterAll(() => h?.dispose());

const subtree = (slug: string) => {
  const root = DEMO_CATEGORIES.find((c) => c.slug === slug)!;
  const below = DEMO_CATEGORIES.filter((c) => c.parentId === root.id).map((c) => c.slug);
  return [slug, ...below];
};
const inCategory = (p: DemoProduct, slug: string) => p.categorySlugs.some((s) => subtree(slug).includes(s));
/** Whether some variant of the demo product has this option value. */
const hasOption = (p: DemoProduct, name: string, value: string) =>
  demoVariants(p, DEMO_PRODUCTS.indexOf(p)).some((v) => v.options[name] === value);
const slugs = (items: { slug: string }[]) => items.map((p) => p.slug).sort();
const countOf = (list: { value: string | null; count: number }[], value: string) =>
  list.find((b) => b.value === value)?.count ?? 0;

describe("disjunctive facets", () => {
  test("two brands at once list both; each brand's count leaves the brand filter out", async () => {
    const [a, b] = ["Northwind", "Alpenglow"];
    const both = await shop.catalog.products.list.query({ brands: [a, b], limit: 100 });
    const want = DEMO_PRODUCTS.filter((p) => p.brand === a || p.brand === b);
    expect(want.length).toBeGreaterThan(DEMO_PRODUCTS.filter((p) => p.brand === a).length);
    expect(slugs(both.items)).toEqual(slugs(want));
    expect(both.total).toBe(want.length);
    // Every brand keeps its own count (what ticking it too would add), not 0 for the unticked ones.
    const brands = new Set(DEMO_PRODUCTS.map((p) => p.brand));
    for (const brand of brands) {
      expect(countOf(both.facets.brands, brand)).toBe(DEMO_PRODUCTS.filter((p) => p.brand === brand).length);
    }
  });

  test("brand counts follow the other filters (category, price, colour), not their own", async () => {
    const input = { category: "clothing", maxPrice: 6_000, options: { colour: ["Black"] }, brands: ["Northwind"] };
    const page = await shop.catalog.products.list.query({ ...input, limit: 100 });
    const others = DEMO_PRODUCTS.filter(
      (p) => inCategory(p, "clothing") && p.price <= 6_000 && hasOption(p, "colour", "Black"),
    );
    const want = others.filter((p) => p.brand === "Northwind");
    expect(want.length).toBeGreaterThan(0);
    expect(page.total).toBe(want.length);
    for (const brand of new Set(others.map((p) => p.brand))) {
      expect(countOf(page.facets.brands, brand)).toBe(others.filter((p) => p.brand === brand).length);
    }
    // The colour counts leave the colour filter out but keep brand, price and category.
    const colour = page.facets.options.find((o) => o.name === "colour")!;
    const forColour = DEMO_PRODUCTS.filter(
      (p) => inCategory(p, "clothing") && p.price <= 6_000 && p.brand === "Northwind",
    );
    for (const v of colour.values) {
      expect(v.count).toBe(forColour.filter((p) => hasOption(p, "colour", v.value)).length);
    }
    // Price buckets leave the price filter out: the products over 60 € of the other filters still count.
    const forPrice = DEMO_PRODUCTS.filter(
      (p) => inCategory(p, "clothing") && hasOption(p, "colour", "Black") && p.brand === "Northwind",
    );
    expect(page.facets.price.reduce((n, b) => n + b.count, 0)).toBe(forPrice.length);
  });

  test("colour and size narrow: OR within an option, AND across options, with counts per value", async () => {
    const blackOrNavy = await shop.catalog.products.list.query({ options: { colour: ["Black", "Navy"] }, limit: 100 });
    const want = DEMO_PRODUCTS.filter((p) => hasOption(p, "colour", "Black") || hasOption(p, "colour", "Navy"));
    expect(want.length).toBeLessThan(DEMO_PRODUCTS.length);
    expect(slugs(blackOrNavy.items)).toEqual(slugs(want));

    const withSize = await shop.catalog.products.list.query({
      options: { colour: ["Black", "Navy"], size: ["XS"] },
      limit: 100,
    });
    const narrower = want.filter((p) => hasOption(p, "size", "XS"));
    expect(narrower.length).toBeGreaterThan(0);
    expect(narrower.length).toBeLessThan(want.length);
    expect(slugs(withSize.items)).toEqual(slugs(narrower));
    // The size counts are over the colour-filtered set; the colour counts over the size-filtered one.
    const size = withSize.facets.options.find((o) => o.name === "size")!;
    expect(size.values.find((v) => v.value === "XS")?.count).toBe(narrower.length);
    expect(size.values.find((v) => v.value === "M")?.count).toBe(want.filter((p) => hasOption(p, "size", "M")).length);
    const colour = withSize.facets.options.find((o) => o.name === "colour")!;
    const xs = DEMO_PRODUCTS.filter((p) => hasOption(p, "size", "XS"));
    expect(colour.values.find((v) => v.value === "White")?.count).toBe(
      xs.filter((p) => hasOption(p, "colour", "White")).length,
    );
  });

  test("with no filter every option value counts the products that offer it", async () => {
    const all = await shop.catalog.products.list.query({ limit: 1 });
    expect(all.facets.options.map((o) => o.name)).toEqual(["colour", "format", "size"]);
    const format = all.facets.options.find((o) => o.name === "format")!;
    expect(format.values).toEqual([
      { value: "Hardcover", count: DEMO_PRODUCTS.filter((p) => hasOption(p, "format", "Hardcover")).length },
      { value: "Paperback", count: DEMO_PRODUCTS.filter((p) => hasOption(p, "format", "Paperback")).length },
    ]);
  });

  test("category counts leave the category filter out too", async () => {
    const page = await shop.catalog.products.list.query({ q: "shirt", category: "t-shirts", limit: 100 });
    const all = await shop.catalog.products.list.query({ q: "shirt", limit: 100 });
    // Another category of the search keeps its count while one is chosen.
    expect(page.facets.categories).toEqual(all.facets.categories);
    expect(page.total).toBe(all.facets.categories.find((c) => c.slug === "t-shirts")!.count);
  });
});

describe("the category facet", () => {
  test("nests each subcategory under its own parent, in tree order, counts rolled up once", async () => {
    const all = await shop.catalog.products.list.query({ limit: 1 });
    const cats = all.facets.categories;
    // Depth-first: each top category directly followed by its own subcategories.
    const expected = DEMO_CATEGORIES.filter((c) => c.parentId === null)
      .sort((a, b) => a.position - b.position)
      .flatMap((top) => [
        top.slug,
        ...DEMO_CATEGORIES.filter((c) => c.parentId === top.id)
          .sort((a, b) => a.position - b.position)
          .map((c) => c.slug),
      ]);
    expect(cats.map((c) => c.slug)).toEqual(expected);
    for (const [i, c] of cats.entries()) {
      if (c.parentId === null) {
        expect(c.depth).toBe(0);
        expect(c.count).toBe(DEMO_PRODUCTS.filter((p) => inCategory(p, c.slug)).length);
        continue;
      }
      expect(c.depth).toBe(1);
      // The nearest category above it at depth 0 is its parent.
      const parent = cats.slice(0, i).findLast((x) => x.depth === 0)!;
      expect(parent.id).toBe(c.parentId);
      expect(c.count).toBe(DEMO_PRODUCTS.filter((p) => p.categorySlugs.includes(c.slug)).length);
    }
  });

  test("a product in two subcategories of one parent counts once for the parent", async () => {
    const cats = (await shop.catalog.categories.tree.query()).find((c) => c.slug === "clothing")!;
    const [one, two] = cats.children;
    const created = await h.admin.catalog.admin.products.create.mutate({
      title: "Two Ways Overshirt",
      status: "active",
      brand: "Northwind",
      categoryIds: [one!.id, two!.id],
      variants: [{ sku: "TWO-WAYS-1", price: 4_000 }],
    });
    try {
      const page = await shop.catalog.products.list.query({ q: "two ways", limit: 1 });
      expect(page.total).toBe(1);
      const bySlug = new Map(page.facets.categories.map((c) => [c.slug, c]));
      expect(bySlug.get("clothing")?.count).toBe(1);
      expect(bySlug.get(one!.slug)?.count).toBe(1);
      expect(bySlug.get(two!.slug)?.count).toBe(1);
      expect(page.facets.categories.map((c) => c.slug)).toEqual(["clothing", one!.slug, two!.slug]);
    } finally {
      await h.admin.catalog.admin.products.archive.mutate({ id: created.productId });
    }
  });
});

describe("suggestions", () => {
  test("prefixes suggest products and categories, a few of each, active ones only", async () => {
    const found = await shop.catalog.products.suggest.query({ q: "jack" });
    const want = DEMO_PRODUCTS.filter((p) => /\bjack/i.test(`${p.title} ${p.description} ${p.brand}`));
    expect(want.length).toBeGreaterThan(0);
    expect(found.products.length).toBe(Math.min(want.length, SUGGEST_LIMITS.products));
    for (const p of found.products) expect(want.map((w) => w.slug)).toContain(p.slug);
    // A title hit ranks first.
    expect(found.products[0]!.title.toLowerCase()).toContain("jacket");
    expect(found.categories).toEqual([{ slug: "jackets", name: "Jackets & Coats", parentName: "Clothing" }]);
    expect(found.products[0]!.currency).toBe("EUR");
    expect(found.products[0]!.image?.url).toMatch(/^\/media\/.+\.svg$/);
  });

  test("a broad prefix is cut to the limit; prices follow the currency", async () => {
    const found = await shop.catalog.products.suggest.query({ q: "c", currency: "GBP" });
    expect(found.products.length).toBe(SUGGEST_LIMITS.products);
    expect(found.categories.length).toBeLessThanOrEqual(SUGGEST_LIMITS.categories);
    expect(found.products.every((p) => p.currency === "GBP")).toBe(true);
  });

  test("punctuation alone suggests nothing; blank or over-long text is refused naming q", async () => {
    for (const q of ['"', "*", "(", "*()"]) {
      expect(await shop.catalog.products.suggest.query({ q })).toEqual({ products: [], categories: [] });
    }
    for (const q of ["   ", "x".repeat(SUGGEST_LIMITS.q + 1)]) {
      const err = await failure(shop.catalog.products.suggest.query({ q }));
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect(err.message).toContain("q");
    }
  });

  test("suggestions are cacheable", async () => {
    const res = await fetch(
      `${h.catalog.url}/trpc/catalog.products.suggest?input=${encodeURIComponent('{"json":{"q":"boot"}}')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toStartWith("public");
    expect(res.headers.get("etag")).toBeTruthy();
  });
});
