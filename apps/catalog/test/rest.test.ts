import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { categoryTree } from "../src/app/category-tree.ts";
import { listProducts } from "../src/app/list-products.ts";
import { productBySlug } from "../src/app/product-page.ts";
import { listRegions } from "../src/app/read-regions.ts";
import { suggest } from "../src/app/suggest.ts";
import {
  categoryNodeSchema,
  optionFilters,
  productDetailSchema,
  productListSchema,
  regionSchema,
  suggestionsSchema,
} from "../src/contract-views.ts";
import { DEMO_PRODUCTS } from "../src/db/seed-data.ts";
import { type Client, startCatalog } from "./helpers.ts";

/**
 * The catalog's REST reads (#24), called with plain fetch on the service's /api/v1: the same
 * answers as tRPC (as JSON: times as ISO strings), problem+json naming the field for bad input,
 * and output schemas that keep every field the reads answer (tRPC callers lose nothing).
 */
let h: Awaited<ReturnType<typeof startCatalog>>;
let shop: Client;

beforeAll(async () => {
  h = await startCatalog();
  shop = h.shop;
}, 30_000);

afterAll(() => h?.dispose());

type Problem = { status: number; code: string; field?: string; errors?: { field: string }[] };

async function get(pathAndQuery: string) {
  const res = await fetch(`${h.catalog.url}/api/v1${pathAndQuery}`);
  return { res, body: (await res.json()) as Record<string, unknown> };
}

/** tRPC's answer as plain JSON would carry it. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

const first = DEMO_PRODUCTS[0]!;

describe("GET /products", () => {
  test("the listing's filters in a query string give the tRPC listing's answer, facets and all", async () => {
    const { res, body } = await get(`/products?brands=${encodeURIComponent(first.brand)}&limit=3&sort=price_asc`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const viaTrpc = await shop.catalog.products.list.query({ brands: [first.brand], limit: 3, sort: "price_asc" });
    expect(body).toEqual(asJson(viaTrpc));
    expect((body.items as unknown[]).length).toBeGreaterThan(0);
    expect(String((body.items as { createdAt: string }[])[0]?.createdAt)).toMatch(/Z$/);

    // Repeated values, options as name:value, inStock as text, the next page by cursor.
    const brands = [...new Set(DEMO_PRODUCTS.map((p) => p.brand))].slice(0, 2);
    const query = `brands=${encodeURIComponent(brands[0]!)}&brands=${encodeURIComponent(brands[1]!)}&option=${encodeURIComponent(`colour:${first.colours[0]}`)}&inStock=false&limit=2`;
    const page1 = await get(`/products?${query}`);
    const trpc1 = await shop.catalog.products.list.query({
      brands,
      options: { colour: [first.colours[0]!] },
      inStock: false,
      limit: 2,
    });
    expect(page1.body).toEqual(asJson(trpc1));
    if (trpc1.nextCursor) {
      const page2 = await get(`/products?${query}&cursor=${encodeURIComponent(trpc1.nextCursor)}`);
      const trpc2 = await shop.catalog.products.list.query({
        brands,
        options: { colour: [first.colours[0]!] },
        inStock: false,
        limit: 2,
        cursor: trpc1.nextCursor,
      });
      expect(page2.body).toEqual(asJson(trpc2));
    }
    // inStock=true is a filter (the demo seed has nothing in stock before inventory says so).
    expect((await get("/products?inStock=true")).body.total).toBe(0);
  });

  test("bad query values are a 400 problem naming each field", async () => {
    const { res, body } = await get("/products?limit=1000&option=colour&sort=cheapest");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toStartWith("application/problem+json");
    const fields = (body as unknown as Problem).errors?.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["limit", "option.0", "sort"]));
    expect((await get("/products?inStock=yes")).res.status).toBe(400);
  });

  test("option filters group by name, without repeats", () => {
    expect(optionFilters(["colour:Blue", "size:M", "colour:Navy", "colour:Blue", "label:a:b"])).toEqual({
      colour: ["Blue", "Navy"],
      size: ["M"],
      label: ["a:b"],
    });
    expect(optionFilters(undefined)).toBeUndefined();
  });
});

describe("the other catalog reads", () => {
  test("GET /products/{slug} is the product page; an unknown slug a 404 naming slug", async () => {
    const { res, body } = await get(`/products/${first.slug}?currency=GBP`);
    expect(res.status).toBe(200);
    const viaTrpc = await shop.catalog.products.bySlug.query({ slug: first.slug, currency: "GBP" });
    expect(body).toEqual(asJson(viaTrpc));
    expect(body.currency).toBe("GBP");
    const missing = await get("/products/no-such-product");
    expect(missing.res.status).toBe(404);
    expect((missing.body as unknown as Problem).field).toBe("slug");
  });

  test("GET /categories, /search/suggestions and /search/did-you-mean answer as tRPC does", async () => {
    const tree = await fetch(`${h.catalog.url}/api/v1/categories`);
    expect(tree.status).toBe(200);
    expect(await tree.json()).toEqual(asJson(await shop.catalog.categories.tree.query()));
    const word = first.title.split(" ")[0]!.slice(0, 3);
    const suggestions = await get(`/search/suggestions?q=${encodeURIComponent(word)}`);
    expect(suggestions.body).toEqual(asJson(await shop.catalog.products.suggest.query({ q: word })));
    expect((suggestions.body.products as unknown[]).length).toBeGreaterThan(0);
    const blank = await get("/search/suggestions?q=%20");
    expect([blank.res.status, (blank.body as unknown as Problem).field]).toEqual([400, "q"]);
    const typo = await get("/search/did-you-mean?q=shirtt");
    expect(typo.res.status).toBe(200);
    expect(typo.body).toEqual(asJson(await shop.catalog.products.didYouMean.query({ q: "shirtt" })));
  });
});

describe("regions", () => {
  test("GET /regions and /regions/{id} answer as tRPC does; an unknown id is a 404 naming id", async () => {
    const all = await get("/regions");
    expect(all.res.status).toBe(200);
    expect(await all.body).toEqual(asJson(await shop.catalog.regions.list.query()));
    const eu = await get("/regions/eu");
    expect(eu.body).toEqual(asJson(await shop.catalog.regions.byId.query({ id: "eu" })));
    const missing = await get("/regions/nowhere");
    expect([missing.res.status, (missing.body as unknown as Problem).field]).toEqual([404, "id"]);
  });
});

describe("the output schemas", () => {
  test("keep every field the reads answer: parsing changes nothing", async () => {
    const db = h.catalog.deps.db.orm;
    const list = await listProducts(db, { sort: "relevance", limit: 5, currency: "EUR" }, { includeHidden: false });
    expect(list.items.length).toBe(5);
    expect(productListSchema.parse(list)).toEqual(list);
    const detail = await productBySlug(db, first.slug, { includeHidden: false });
    expect(detail.breadcrumbs.length).toBeGreaterThan(0);
    expect(productDetailSchema.parse(detail)).toEqual(detail);
    const tree = await categoryTree(db);
    expect(tree.some((c) => c.children.length > 0)).toBe(true);
    expect(categoryNodeSchema.array().parse(tree)).toEqual(tree);
    const found = await suggest(db, { q: first.title.split(" ")[0]! });
    expect(suggestionsSchema.parse(found)).toEqual(found);
    const regions = await listRegions(h.catalog.deps.regions);
    expect(regions.length).toBeGreaterThanOrEqual(3);
    expect(regionSchema.array().parse(regions)).toEqual(regions);
  });
});
