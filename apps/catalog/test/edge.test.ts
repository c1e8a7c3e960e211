import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { tempDatabase } from "@mercato/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import { Miniflare } from "miniflare";
import superjson from "superjson";
import * as schema from "../src/db/schema.ts";
import { seedDemo } from "../src/db/seed.ts";
import { DEMO_PRODUCTS } from "../src/db/seed-data.ts";
import { EDGE_PROCEDURES } from "../src/edge/procedures.ts";
import { type EdgeRouter, edgeRouter } from "../src/edge/router.ts";
import { APP, buildEdgeBundle, migrateD1 } from "./edge-d1.ts";
import { failure } from "./helpers.ts";

const MIGRATIONS = `${APP}drizzle`;

/** Tables copied from the seeded service database into D1, with the FTS tables' rowids kept. */
const COPIED: { table: string; columns: string[] }[] = [
  { table: "categories", columns: ["id", "parent_id", "slug", "name", "position"] },
  {
    table: "products",
    columns: [
      "id",
      "doc_id",
      "slug",
      "title",
      "description",
      "status",
      "brand",
      "images",
      "attributes",
      "min_price",
      "currency",
      "tax_class",
      "in_stock",
      "category_set",
      "created_at",
      "updated_at",
    ],
  },
  {
    table: "variants",
    columns: [
      "sku",
      "product_id",
      "options",
      "price",
      "compare_at_price",
      "currency",
      "weight_grams",
      "available",
      "position",
    ],
  },
  { table: "variant_prices", columns: ["sku", "currency", "amount", "compare_at_amount"] },
  {
    table: "product_prices",
    columns: ["product_id", "currency", "min_price", "status", "brand", "in_stock", "category_set", "created_at"],
  },
  { table: "product_categories", columns: ["product_id", "category_id"] },
  { table: "product_options", columns: ["name", "value", "product_id"] },
  { table: "search_words", columns: ["word"] },
  { table: "products_fts", columns: ["rowid", "title", "description", "brand", "skus"] },
  { table: "search_words_fts", columns: ["rowid", "word"] },
];

let mf: Miniflare;
let edge: ReturnType<typeof createTRPCClient<EdgeRouter>>;

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    // The bundle exactly as `bun run build:edge` makes it.
    scriptPath: buildEdgeBundle(),
    compatibilityDate: "2025-01-01",
    d1Databases: { DB: "catalog-edge-test" },
  });
  const d1 = await mf.getD1Database("DB");

  // The service's own migrations, statement by statement.
  await migrateD1(d1);

  // The demo seed, made by the service's own code in a libSQL file, then copied row by row.
  const source = await tempDatabase(schema, MIGRATIONS);
  try {
    await seedDemo(source.db);
    for (const { table, columns } of COPIED) {
      const rows = await source.db.client.execute(`SELECT ${columns.join(", ")} FROM ${table}`);
      const insert = `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
      for (let i = 0; i < rows.rows.length; i += 100) {
        await d1.batch(
          rows.rows.slice(i, i + 100).map((r) => d1.prepare(insert).bind(...columns.map((_, c) => r[c] ?? null))),
        );
      }
    }
  } finally {
    source.dispose();
  }

  edge = createTRPCClient<EdgeRouter>({
    links: [
      httpLink({
        url: "http://edge.test/trpc",
        transformer: superjson,
        fetch: (url, init) => mf.dispatchFetch(String(url), init as never) as unknown as Promise<Response>,
      }),
    ],
  });
}, 120_000);

afterAll(() => mf?.dispose());

describe("the edge bundle in workerd with D1", () => {
  test("the storefront's list of edge procedures is the edge router's", () => {
    expect(Object.keys(edgeRouter._def.procedures).sort()).toEqual([...EDGE_PROCEDURES].sort());
  });

  test("lists products with facets and cursor pages", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await edge.catalog.products.list.query({ sort: "price_asc", limit: 20, cursor });
      expect(page.total).toBe(DEMO_PRODUCTS.length);
      expect(page.facets.brands.reduce((n, b) => n + b.count, 0)).toBe(page.total);
      seen.push(...page.items.map((p) => p.slug));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(DEMO_PRODUCTS.map((p) => p.slug).sort());
  });

  test("lists and shows products in the shopper's currency", async () => {
    const page = await edge.catalog.products.list.query({ sort: "price_asc", currency: "GBP", limit: 5 });
    expect(page.items.every((p) => p.currency === "GBP" && p.variants.every((v) => v.currency === "GBP"))).toBe(true);
    const prices = page.items.map((p) => p.minPrice);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const boots = await edge.catalog.products.bySlug.query({ slug: "chelsea-boots", currency: "USD" });
    expect(boots.variants[0]!.price).toBe(boots.variants[0]!.prices.find((p) => p.currency === "USD")!.amount);
  });

  test("searches with prefixes and typos, and filters by category", async () => {
    const typo = await edge.catalog.products.list.query({ q: "shrit" });
    expect(typo.items.map((p) => p.slug)).toContain("oxford-button-down-shirt");
    const prefix = await edge.catalog.products.list.query({ q: "sneak", category: "footwear" });
    expect(prefix.items.map((p) => p.slug)).toContain("leather-court-sneakers");
  });

  test("answers bySlug, with Cache-Control and an ETag", async () => {
    const product = await edge.catalog.products.bySlug.query({ slug: "chelsea-boots" });
    expect(product.title).toBe("Chelsea Boots");
    expect(product.breadcrumbs.map((c) => c.slug)).toEqual(["footwear", "boots"]);
    const res = await mf.dispatchFetch(
      `http://edge.test/trpc/catalog.products.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: "chelsea-boots" } }))}`,
    );
    expect(res.headers.get("cache-control")).toContain("public");
    expect(res.headers.get("etag")).toMatch(/^W\//);
    await res.arrayBuffer();
  });

  test("bad input is a 4xx naming the field", async () => {
    const missing = await failure(edge.catalog.products.bySlug.query({ slug: "nope" }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    const big = await failure(edge.catalog.products.list.query({ limit: 101 }));
    expect(big.data?.code).toBe("BAD_REQUEST");
    expect(big.message).toContain("limit");
    const page = await edge.catalog.products.list.query({ sort: "price_asc", limit: 2 });
    const otherSort = await failure(edge.catalog.products.list.query({ sort: "newest", cursor: page.nextCursor! }));
    expect(otherSort.data?.code).toBe("BAD_REQUEST");
    expect(otherSort.message).toStartWith("cursor");
  });
});
