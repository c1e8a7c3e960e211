import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { StockChanged } from "@mercato/events";
import { DEMO_CATEGORIES, DEMO_PRODUCTS, demoVariants } from "../src/db/seed-data.ts";
import type { ListInput, ProductList } from "../src/index.ts";
import { type Client, eventually, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
let shop: Client;

/** Products made in stock by inventory events: the first variant of every third demo product. */
const STOCKED = DEMO_PRODUCTS.filter((_, i) => i % 3 === 0).map((p) => p.slug);

beforeAll(async () => {
  h = await startCatalog();
  shop = h.shop;
  for (const [i, p] of DEMO_PRODUCTS.entries()) {
    if (i % 3 !== 0) continue;
    await h.catalog.deps.bus.publish(StockChanged, {
      sku: demoVariants(p, i)[0]!.sku,
      onHand: 4,
      reserved: 1,
      available: 3,
    });
  }
  await eventually(async () => {
    const page = await shop.catalog.products.list.query({ inStock: true, limit: 1 });
    return page.total === STOCKED.length ? true : undefined;
  });
}, 30_000);

afterAll(() => h?.dispose());

async function walk(input: Omit<ListInput, "cursor" | "limit" | "sort"> & Partial<ListInput>) {
  const items: ProductList["items"] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await shop.catalog.products.list.query({ ...input, limit: input.limit ?? 7, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  return items;
}

const sum = (list: { count: number }[]) => list.reduce((n, x) => n + x.count, 0);

describe("listing", () => {
  test("walking every page returns every active product exactly once, for each sort", async () => {
    for (const sort of ["relevance", "price_asc", "price_desc", "newest"] as const) {
      const items = await walk({ sort });
      const slugs = items.map((p) => p.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(slugs.sort()).toEqual(DEMO_PRODUCTS.map((p) => p.slug).sort());
    }
  });

  test("sorts order by the from-price and by creation date", async () => {
    const asc = (await walk({ sort: "price_asc" })).map((p) => p.minPrice);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await walk({ sort: "price_desc" })).map((p) => p.minPrice);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const newest = (await walk({ sort: "newest" })).map((p) => p.createdAt.getTime());
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
  });

  test("facet counts add up to the total and each equals the total its filter gives", async () => {
    const all = await shop.catalog.products.list.query({ limit: 1 });
    expect(all.total).toBe(DEMO_PRODUCTS.length);
    expect(sum(all.facets.brands)).toBe(all.total);
    expect(sum(all.facets.price)).toBe(all.total);
    expect(all.facets.inStock).toBe(STOCKED.length);

    for (const b of all.facets.brands) {
      const page = await shop.catalog.products.list.query({ brands: [b.value!], limit: 1 });
      expect(page.total).toBe(b.count);
    }
    for (const bucket of all.facets.price.filter((x) => x.count > 0)) {
      const page = await shop.catalog.products.list.query({
        minPrice: bucket.min,
        ...(bucket.max === null ? {} : { maxPrice: bucket.max - 1 }),
        limit: 1,
      });
      expect(page.total).toBe(bucket.count);
    }
    expect(all.facets.categories.map((c) => c.slug).sort()).toEqual(DEMO_CATEGORIES.map((c) => c.slug).sort());
    for (const c of all.facets.categories) {
      const page = await shop.catalog.products.list.query({ category: c.slug, limit: 1 });
      expect(page.total).toBe(c.count);
    }
  });

  test("a category includes its subcategories, and filters combine", async () => {
    const clothing = await walk({ category: "clothing" });
    const subSlugs = DEMO_CATEGORIES.filter((c) => c.parentId === "cat-clothing").map((c) => c.slug);
    const expected = DEMO_PRODUCTS.filter((p) => p.categorySlugs.some((s) => subSlugs.includes(s))).map((p) => p.slug);
    expect(clothing.map((p) => p.slug).sort()).toEqual(expected.sort());

    const filtered = await shop.catalog.products.list.query({
      category: "clothing",
      brands: ["Northwind", "Alpenglow"],
      options: { colour: ["Black"] },
      maxPrice: 10_000,
      limit: 100,
    });
    const want = DEMO_PRODUCTS.filter(
      (p) =>
        p.categorySlugs.some((s) => subSlugs.includes(s)) &&
        ["Northwind", "Alpenglow"].includes(p.brand) &&
        p.colours.includes("Black") &&
        p.price <= 10_000,
    ).map((p) => p.slug);
    expect(want.length).toBeGreaterThan(0);
    expect(filtered.items.map((p) => p.slug).sort()).toEqual(want.sort());
    expect(filtered.total).toBe(want.length);
    // Brand counts leave the brand filter out (disjunctive): the chosen brands' counts add up to the total.
    expect(sum(filtered.facets.brands.filter((b) => b.value === "Northwind" || b.value === "Alpenglow"))).toBe(
      filtered.total,
    );
  });

  test("in-stock only lists the products inventory says are available", async () => {
    const items = await walk({ inStock: true });
    expect(items.map((p) => p.slug).sort()).toEqual([...STOCKED].sort());
    expect(items.every((p) => p.inStock)).toBe(true);
  });

  test("public reads carry Cache-Control and an ETag that changes with the answer", async () => {
    const get = (input: object) =>
      fetch(`${h.catalog.url}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
    const [a, a2, b] = await Promise.all([get({ limit: 2 }), get({ limit: 2 }), get({ limit: 3 })]);
    expect(a.headers.get("cache-control")).toContain("public");
    expect(a.headers.get("etag")).toMatch(/^W\/"/);
    expect(a2.headers.get("etag")).toBe(a.headers.get("etag"));
    expect(b.headers.get("etag")).not.toBe(a.headers.get("etag"));
    const tree = await fetch(`${h.catalog.url}/trpc/catalog.categories.tree`);
    expect(tree.headers.get("cache-control")).toContain("public");
    expect(tree.headers.get("etag")).toBeTruthy();
  });

  test("a batched response has no single ETag, and an admin's part keeps it all private", async () => {
    const batch = (token?: string) =>
      fetch(
        `${h.catalog.url}/trpc/catalog.products.list,catalog.products.bySlug?batch=1&input=${encodeURIComponent(
          JSON.stringify({ 0: { json: { limit: 1 } }, 1: { json: { slug: DEMO_PRODUCTS[0]!.slug } } }),
        )}`,
        token ? { headers: { authorization: `Bearer ${token}` } } : {},
      );
    const anonymous = await batch();
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("cache-control")).toContain("public");
    expect(anonymous.headers.get("etag")).toBeNull();
    const admin = await batch(await h.issuer.sign({ sub: "a", email: "a@example.com", role: "admin" }));
    expect(admin.status).toBe(200);
    expect(admin.headers.get("cache-control")).toBe("private, no-store");
    expect(admin.headers.get("etag")).toBeNull();
  });

  test("categories.tree has two levels ordered by position", async () => {
    const tree = await shop.catalog.categories.tree.query();
    expect(tree.map((c) => c.slug)).toEqual(["clothing", "footwear", "accessories", "home", "books"]);
    expect(tree[0]!.children.map((c) => c.slug)).toEqual(["t-shirts", "shirts", "trousers", "jackets"]);
  });

  test("related products share categories first, then the brand", async () => {
    const related = await shop.catalog.products.related.query({ slug: "oxford-button-down-shirt", limit: 8 });
    expect(related.map((p) => p.slug)).not.toContain("oxford-button-down-shirt");
    const shirts = DEMO_PRODUCTS.filter((p) => p.categorySlugs.includes("shirts")).length - 1;
    expect(related.slice(0, shirts).every((p) => p.categoryIds.includes("cat-shirts"))).toBe(true);
    expect(related.slice(shirts).every((p) => p.brand === "Harbour & Co")).toBe(true);
  });

  test("the demo images are local SVG placeholders, the same bytes every time", async () => {
    const page = await shop.catalog.products.list.query({ limit: 1 });
    const url = page.items[0]!.images[0]!.url;
    expect(url).toMatch(/^\/media\/[a-z0-9-]+\.svg$/);
    const [one, two] = await Promise.all([fetch(`${h.catalog.url}${url}`), fetch(`${h.catalog.url}${url}`)]);
    expect(one.headers.get("content-type")).toContain("image/svg+xml");
    const svg = await one.text();
    expect(svg).toStartWith("<svg");
    expect(await two.text()).toBe(svg);
    expect((await fetch(`${h.catalog.url}/media/..%2Fsecret.svg`)).status).toBe(404);
  });
});

describe("search", () => {
  test("finds by title words, ranked by relevance, with facets for the matches", async () => {
    const page = await shop.catalog.products.list.query({ q: "linen shirt", limit: 10 });
    expect(page.items[0]?.slug).toBe("linen-summer-shirt");
    expect(page.total).toBe(page.items.length);
    expect(sum(page.facets.brands)).toBe(page.total);
  });

  test("matches prefixes as you type", async () => {
    const page = await shop.catalog.products.list.query({ q: "shir", limit: 50 });
    const slugs = page.items.map((p) => p.slug);
    expect(slugs).toContain("oxford-button-down-shirt");
    expect(slugs).toContain("flannel-check-shirt");
  });

  test("forgives a one-letter transposition or substitution", async () => {
    for (const [typo, expected] of [
      ["shrit", "linen-summer-shirt"],
      ["sheos", "trail-running-shoes"],
      ["jaans", "slim-selvedge-jeans"],
      ["blanket", "wool-throw-blanket"],
      ["blankte", "wool-throw-blanket"],
    ] as const) {
      const page = await shop.catalog.products.list.query({ q: typo, limit: 50 });
      expect(page.items.map((p) => p.slug)).toContain(expected);
    }
  });

  test("finds a product by one of its SKUs", async () => {
    const sku = demoVariants(DEMO_PRODUCTS[10]!, 10)[1]!.sku;
    const page = await shop.catalog.products.list.query({ q: sku });
    expect(page.items[0]?.slug).toBe(DEMO_PRODUCTS[10]!.slug);
  });

  test("a query of punctuation alone finds nothing instead of listing everything", async () => {
    for (const q of ['"', "*", "(", "*()"]) {
      const page = await shop.catalog.products.list.query({ q });
      expect(page.total).toBe(0);
      expect(page.items).toEqual([]);
    }
  });

  test("nothing close gives an empty page, not an error", async () => {
    const page = await shop.catalog.products.list.query({ q: "xylophone" });
    expect(page.total).toBe(0);
    expect(page.items).toEqual([]);
  });

  test("walking the pages of a search returns each match once, for each sort", async () => {
    const expected = (await shop.catalog.products.list.query({ q: "cotton", limit: 100 })).items.map((p) => p.slug);
    expect(expected.length).toBeGreaterThan(5);
    for (const sort of ["relevance", "price_asc", "newest"] as const) {
      const slugs = (await walk({ q: "cotton", sort, limit: 4 })).map((p) => p.slug);
      expect(slugs.sort()).toEqual([...expected].sort());
    }
  });
});

describe("bad listing input", () => {
  test("a page size of 101 is refused naming limit", async () => {
    const err = await failure(shop.catalog.products.list.query({ limit: 101 }));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.message).toContain("limit");
  });

  test("a malformed cursor, or one from another sort, is refused naming cursor", async () => {
    for (const cursor of ["not-a-cursor", "e30", btoa("[1,2,3]")]) {
      const err = await failure(shop.catalog.products.list.query({ cursor }));
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect(err.message).toStartWith("cursor");
    }
    const page = await shop.catalog.products.list.query({ sort: "price_asc", limit: 2 });
    const err = await failure(shop.catalog.products.list.query({ sort: "newest", cursor: page.nextCursor! }));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.data?.field).toBe("cursor");
  });

  test("an unknown category or slug is NOT_FOUND naming the field; crossed prices name maxPrice", async () => {
    const cat = await failure(shop.catalog.products.list.query({ category: "nope" }));
    expect(cat.data?.code).toBe("NOT_FOUND");
    expect(cat.message).toStartWith("category");
    const slug = await failure(shop.catalog.products.bySlug.query({ slug: "no-such-product" }));
    expect(slug.data?.code).toBe("NOT_FOUND");
    expect(slug.message).toStartWith("slug");
    const price = await failure(shop.catalog.products.list.query({ minPrice: 500, maxPrice: 100 }));
    expect(price.data?.code).toBe("BAD_REQUEST");
    expect(price.message).toStartWith("maxPrice");
  });
});
