import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { categoryTree } from "../src/app/category-tree.ts";
import { listProducts } from "../src/app/list-products.ts";
import { productBySlug } from "../src/app/product-page.ts";
import { listRegions } from "../src/app/read-regions.ts";
import { suggest } from "../src/app/suggest.ts";
import {
  categoryNodeSchema,
  optionFilters,
  productChangeSchema,
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

// ── Staff product writes (#24): what an ERP needs, on /api/v1/admin/products ─────────────────────

type Change = {
  productId: string;
  slug: string;
  title: string;
  status: string;
  variants: { sku: string; price: number }[];
};

async function asStaff(method: string, path: string, body?: unknown, role = "admin") {
  const token = await h.issuer.sign({ sub: `rest-${role}`, email: `${role}@example.com`, role });
  const res = await fetch(`${h.catalog.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

const newProduct = (tag: string) => ({
  title: `REST staff ${tag}`,
  brand: "Restful",
  variants: [
    { sku: `REST-${tag}-S`, options: { size: "S" }, weightGrams: 250, prices: [{ currency: "EUR", amount: 1990 }] },
    {
      sku: `REST-${tag}-M`,
      options: { size: "M" },
      prices: [
        { currency: "EUR", amount: 2190, compareAtAmount: 2590 },
        { currency: "GBP", amount: 1890 },
      ],
    },
  ],
});

/** How many products the staff listing holds in every status, as tRPC counts them. */
const staffTotal = async () => (await h.admin.catalog.admin.products.list.query({ limit: 1 })).total;

describe("staff product writes over REST", () => {
  test("create, list, update, set a variant's prices, archive and restore: the same use cases as tRPC", async () => {
    const created = await asStaff("POST", "/admin/products", newProduct("life"));
    expect(created.res.status).toBe(200);
    expect(created.res.headers.get("cache-control")).toContain("private");
    const change = created.body as unknown as Change;
    expect(productChangeSchema.parse(change)).toEqual(change as never);
    expect([change.status, change.variants.map((v) => v.price)]).toEqual(["draft", [1990, 2190]]);
    const id = change.productId;
    const stored = await h.admin.catalog.admin.products.byId.query({ id });
    expect(stored.variants.map((v) => v.prices)).toEqual([
      [{ currency: "EUR", amount: 1990, compareAtAmount: null }],
      [
        { currency: "EUR", amount: 2190, compareAtAmount: 2590 },
        { currency: "GBP", amount: 1890, compareAtAmount: null },
      ],
    ]);

    // The staff listing (drafts too) in a query string equals tRPC's admin listing.
    const listed = await asStaff("GET", "/admin/products?status=draft&brands=Restful&option=size:M&limit=5");
    expect(listed.res.status).toBe(200);
    const viaTrpc = await h.admin.catalog.admin.products.list.query({
      status: "draft",
      brands: ["Restful"],
      options: { size: ["M"] },
      limit: 5,
    });
    expect(listed.body).toEqual(asJson(viaTrpc));
    expect((listed.body.items as { id: string }[]).map((p) => p.id)).toContain(id);

    const updated = await asStaff("PATCH", `/admin/products/${id}`, { title: "REST staff renamed", status: "active" });
    expect(updated.res.status).toBe(200);
    expect([updated.body.title, updated.body.status]).toEqual(["REST staff renamed", "active"]);

    // One variant's prices: the other variant, options and weights stay as they were.
    const repriced = await asStaff("PUT", `/admin/products/${id}/variants/REST-life-S/prices`, {
      prices: [
        { currency: "EUR", amount: 1490, compareAtAmount: 1990 },
        { currency: "USD", amount: 1690 },
      ],
    });
    expect(repriced.res.status).toBe(200);
    expect((repriced.body as unknown as Change).variants.map((v) => v.price)).toEqual([1490, 2190]);
    const after = await h.admin.catalog.admin.products.byId.query({ id });
    expect(after.variants.map((v) => [v.sku, v.options, v.weightGrams, v.prices])).toEqual([
      [
        "REST-life-S",
        { size: "S" },
        250,
        [
          { currency: "EUR", amount: 1490, compareAtAmount: 1990 },
          { currency: "USD", amount: 1690, compareAtAmount: null },
        ],
      ],
      ["REST-life-M", { size: "M" }, 0, stored.variants[1]!.prices],
    ]);

    const archived = await asStaff("POST", `/admin/products/${id}/archive`);
    expect([archived.res.status, archived.body.status], JSON.stringify(archived.body)).toEqual([200, "archived"]);
    expect((await get(`/products/${change.slug}`)).res.status).toBe(404);
    const restored = await asStaff("POST", `/admin/products/${id}/restore`);
    expect([restored.res.status, restored.body.status]).toEqual([200, "draft"]);
  });

  test("bad bodies are a 400 problem naming each field, and write nothing", async () => {
    const before = await staffTotal();
    const bad = await asStaff("POST", "/admin/products", {
      title: " ",
      variants: [{ sku: "", prices: [{ currency: "EUR", amount: -1 }] }],
    });
    expect(bad.res.status).toBe(400);
    expect(bad.res.headers.get("content-type")).toStartWith("application/problem+json");
    const fields = (bad.body as unknown as Problem).errors?.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "variants.0.sku", "variants.0.prices.0.amount"]));
    expect(await staffTotal()).toBe(before);
    // A bare POST is the empty object: each required field is named, not a media-type refusal.
    const bare = await asStaff("POST", "/admin/products");
    expect(bare.res.status).toBe(400);
    expect((bare.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(["title", "variants"]),
    );
    expect(await staffTotal()).toBe(before);

    const made = (await asStaff("POST", "/admin/products", newProduct("bad"))).body as unknown as Change;
    const pricesBefore = (await h.admin.catalog.admin.products.byId.query({ id: made.productId })).variants;
    const twice = await asStaff("PUT", `/admin/products/${made.productId}/variants/REST-bad-S/prices`, {
      prices: [
        { currency: "EUR", amount: 100 },
        { currency: "EUR", amount: 200 },
      ],
    });
    expect([twice.res.status, (twice.body as unknown as Problem).field]).toEqual([400, "prices"]);
    const fraction = await asStaff("PUT", `/admin/products/${made.productId}/variants/REST-bad-S/prices`, {
      prices: [{ currency: "EUR", amount: 1.5 }],
    });
    expect([fraction.res.status, (fraction.body as unknown as Problem).field]).toEqual([400, "prices.0.amount"]);
    const empty = await asStaff("PUT", `/admin/products/${made.productId}/variants/REST-bad-S/prices`, { prices: [] });
    expect([empty.res.status, (empty.body as unknown as Problem).field]).toEqual([400, "prices"]);
    const badUpdate = await asStaff("PATCH", `/admin/products/${made.productId}`, { title: "", brand: 7 });
    expect((badUpdate.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(["title", "brand"]),
    );
    const unchanged = await h.admin.catalog.admin.products.byId.query({ id: made.productId });
    expect([unchanged.title, unchanged.variants]).toEqual([made.title, pricesBefore]);

    const noSku = await asStaff("PUT", `/admin/products/${made.productId}/variants/NO-SUCH/prices`, {
      prices: [{ currency: "EUR", amount: 100 }],
    });
    expect([noSku.res.status, (noSku.body as unknown as Problem).field]).toEqual([404, "sku"]);
    const noProduct = await asStaff("PATCH", "/admin/products/no-such-product", { title: "x" });
    expect([noProduct.res.status, (noProduct.body as unknown as Problem).field]).toEqual([404, "id"]);
  });

  test("a shopper gets a 403 naming the permission, no bearer a 401; nothing is written", async () => {
    const before = await staffTotal();
    const shopper = await asStaff("POST", "/admin/products", newProduct("shopper"), "customer");
    expect(shopper.res.status).toBe(403);
    expect(shopper.res.headers.get("content-type")).toStartWith("application/problem+json");
    expect((shopper.body as unknown as Problem).field).toBe("permission");
    expect(String(shopper.body.detail)).toContain("catalog.write");
    const list = await asStaff("GET", "/admin/products", undefined, "customer");
    expect(list.res.status).toBe(403);
    const anonymous = await fetch(`${h.catalog.url}/api/v1/admin/products`);
    expect(anonymous.status).toBe(401);
    expect(await staffTotal()).toBe(before);
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
