/**
 * The edge replica kept in sync (#25): the real catalog service (NATS, Redis, libSQL) copies its
 * products into D1 through the D1 HTTP API (here a Worker of the test's own in workerd, bound to
 * the same D1 as the edge worker), and the edge bundle, exactly as `build:edge` makes it, answers
 * from that D1. Resync first, then writes through the service's admin API and stock events.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { StockChanged } from "@mercato/events";
import { createTRPCClient, httpLink } from "@trpc/client";
import { Miniflare } from "miniflare";
import superjson from "superjson";
import { d1HttpApi } from "../src/app/d1-http.ts";
import { edgeSync } from "../src/app/edge-sync.ts";
import { replicaStatements } from "../src/db/edge-replica.ts";
import { DEMO_PRODUCTS } from "../src/db/seed-data.ts";
import type { EdgeRouter } from "../src/edge/router.ts";
import { APP, buildEdgeBundle, migrateD1 } from "./edge-d1.ts";
import { eventually, startCatalog } from "./helpers.ts";

const D1_ID = "catalog-edge-sync-test";
const API = { ACCOUNT_ID: "acct-test", DATABASE_ID: D1_ID, API_TOKEN: crypto.randomUUID() };

let mf: Miniflare;
let h: Awaited<ReturnType<typeof startCatalog>>;
let edge: ReturnType<typeof createTRPCClient<EdgeRouter>>;
let apiUrl: string;

beforeAll(async () => {
  const worker = buildEdgeBundle();
  mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        name: "catalog-edge",
        modules: true,
        scriptPath: worker,
        compatibilityDate: "2025-01-01",
        d1Databases: { DB: D1_ID },
      },
      {
        name: "d1-api",
        modules: true,
        scriptPath: `${APP}test/d1-api-worker.js`,
        compatibilityDate: "2025-01-01",
        d1Databases: { DB: D1_ID },
        bindings: API,
        routes: ["*/client/v4/*"],
      },
    ],
  });
  const url = await mf.ready;
  apiUrl = new URL("/client/v4", url).href;

  // The catalog's migrations, as `wrangler d1 migrations apply` would put them in the replica.
  const d1 = await mf.getD1Database("DB", "catalog-edge");
  await migrateD1(d1);

  h = await startCatalog({
    EDGE_D1_API_URL: apiUrl,
    EDGE_D1_ACCOUNT_ID: API.ACCOUNT_ID,
    EDGE_D1_DATABASE_ID: API.DATABASE_ID,
    EDGE_D1_API_TOKEN: API.API_TOKEN,
  });
  // The resync command itself, in its own process, against the service's database file.
  const resync = Bun.spawnSync(["bun", "src/edge-resync.ts"], {
    cwd: APP,
    env: {
      ...process.env,
      DATABASE_URL: h.catalog.deps.env.DATABASE_URL,
      EDGE_D1_API_URL: apiUrl,
      EDGE_D1_ACCOUNT_ID: API.ACCOUNT_ID,
      EDGE_D1_DATABASE_ID: API.DATABASE_ID,
      EDGE_D1_API_TOKEN: API.API_TOKEN,
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (resync.exitCode !== 0) throw new Error(`edge-resync failed: ${resync.stderr.toString()}`);
  expect(resync.stdout.toString()).toContain(`${DEMO_PRODUCTS.length} products copied to D1`);

  edge = createTRPCClient<EdgeRouter>({
    links: [httpLink({ url: new URL("/trpc", url).href, transformer: superjson })],
  });
}, 120_000);

afterAll(async () => {
  await h?.dispose();
  await mf?.dispose();
});

const variant = (sku: string, price: number) => ({ sku, price, options: { size: "M" } });

describe("the edge replica, kept in sync from the catalog service", () => {
  test("a full resync copies every product: the edge lists what the service lists", async () => {
    const fromEdge = await edge.catalog.products.list.query({ sort: "price_asc", limit: 100 });
    const fromService = await h.shop.catalog.products.list.query({ sort: "price_asc", limit: 100 });
    expect(fromEdge.total).toBe(DEMO_PRODUCTS.length);
    expect(fromEdge.items.map((p) => p.slug)).toEqual(fromService.items.map((p) => p.slug));
    expect(fromEdge.facets).toEqual(fromService.facets);
  });

  test("a product made and changed through the service reaches the edge's reads within seconds", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const name = `Edge Lantern ${tag}`;
    const created = await h.admin.catalog.admin.products.create.mutate({
      title: name,
      brand: "Edgeworks",
      categoryIds: ["cat-jackets"],
      variants: [variant(`EL-${tag.toUpperCase()}`, 4100)],
    });
    await h.admin.catalog.admin.products.update.mutate({ id: created.productId, status: "active" });
    const shown = await eventually(
      () => edge.catalog.products.bySlug.query({ slug: created.slug }).catch(() => undefined),
      10_000,
    );
    expect(shown.title).toBe(name);
    expect(shown.breadcrumbs.map((c) => c.id)).toContain("cat-jackets");

    // Searchable at the edge by a word of its title, with a typo (the vocabulary came along).
    const found = await eventually(async () => {
      const page = await edge.catalog.products.list.query({ q: "lantren edgeworks" });
      return page.items.some((p) => p.slug === created.slug) ? page : undefined;
    }, 10_000);
    expect(found.total).toBeGreaterThan(0);

    await h.admin.catalog.admin.products.update.mutate({ id: created.productId, title: `${name} Deluxe` });
    const renamed = await eventually(async () => {
      const p = await edge.catalog.products.bySlug.query({ slug: created.slug });
      return p.title.endsWith("Deluxe") ? p : undefined;
    }, 10_000);
    expect(renamed.title).toBe(`${name} Deluxe`);

    await h.admin.catalog.admin.products.archive.mutate({ id: created.productId });
    await eventually(async () => {
      const gone = await edge.catalog.products.bySlug.query({ slug: created.slug }).then(
        () => false,
        () => true,
      );
      return gone ? true : undefined;
    }, 10_000);
  });

  test("category edits reach the edge's tree: created, renamed, moved, deleted", async () => {
    type Node = { id: string; name: string; parentId: string | null; children: Node[] };
    const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const edgeCategory = async (id: string) =>
      flat((await edge.catalog.categories.tree.query()) as Node[]).find((c) => c.id === id);
    const tag = crypto.randomUUID().slice(0, 6);

    const made = await h.admin.catalog.admin.categories.create.mutate({ name: `Edge Shelf ${tag}` });
    expect((await eventually(() => edgeCategory(made.id), 10_000)).name).toBe(`Edge Shelf ${tag}`);

    await h.admin.catalog.admin.categories.rename.mutate({ id: made.id, name: `Edge Rack ${tag}` });
    await eventually(
      async () => ((await edgeCategory(made.id))?.name === `Edge Rack ${tag}` ? true : undefined),
      10_000,
    );

    await h.admin.catalog.admin.categories.move.mutate({ id: made.id, parentId: "cat-accessories" });
    await eventually(
      async () => ((await edgeCategory(made.id))?.parentId === "cat-accessories" ? true : undefined),
      10_000,
    );

    await h.admin.catalog.admin.categories.delete.mutate({ id: made.id });
    await eventually(async () => ((await edgeCategory(made.id)) === undefined ? true : undefined), 10_000);
    // The edge's tree is the service's again, node for node.
    expect(await edge.catalog.categories.tree.query()).toEqual(await h.shop.catalog.categories.tree.query());
  });

  test("a stock change from inventory reaches the edge's in-stock filter", async () => {
    const product = await h.shop.catalog.products.bySlug.query({ slug: DEMO_PRODUCTS[0]!.slug });
    const sku = product.variants[0]!.sku;
    await h.catalog.deps.bus.publish(StockChanged, { sku, onHand: 7, reserved: 0, available: 7 });
    const inStock = await eventually(async () => {
      const page = await edge.catalog.products.list.query({ inStock: true, limit: 100 });
      return page.items.some((p) => p.slug === product.slug) ? page : undefined;
    }, 10_000);
    expect(inStock.items.find((p) => p.slug === product.slug)!.variants.find((v) => v.sku === sku)!.available).toBe(7);
  });

  test("an older copy never replaces a newer one, and a repeated copy changes nothing", async () => {
    const slug = DEMO_PRODUCTS[1]!.slug;
    const product = await h.shop.catalog.products.bySlug.query({ slug });
    const d1 = d1HttpApi({
      baseUrl: apiUrl,
      accountId: API.ACCOUNT_ID,
      databaseId: API.DATABASE_ID,
      token: API.API_TOKEN,
    });
    // A copy read now, applied only after a newer one: refused as a whole.
    const stale = await replicaStatements(h.catalog.deps.db.client, [product.id]);
    await h.admin.catalog.admin.products.update.mutate({ id: product.id, title: "Newer Title At The Edge" });
    await eventually(async () => {
      const p = await edge.catalog.products.bySlug.query({ slug });
      return p.title === "Newer Title At The Edge" ? p : undefined;
    }, 10_000);
    await expect(d1.batch(stale)).rejects.toThrow("older than the replica");
    // The sync treats that refusal as done; a second identical copy is harmless.
    const sync = edgeSync(h.catalog.deps.db.client, d1);
    await sync.products([product.id]);
    await sync.products([product.id]);
    const after = await edge.catalog.products.bySlug.query({ slug });
    expect(after.title).toBe("Newer Title At The Edge");
    expect(after.variants.map((v) => v.sku)).toEqual(product.variants.map((v) => v.sku));
  });

  test("the D1 API route refuses a wrong token and writes nothing", async () => {
    const wrong = d1HttpApi({ baseUrl: apiUrl, accountId: API.ACCOUNT_ID, databaseId: API.DATABASE_ID, token: "nope" });
    await expect(wrong.batch([{ sql: "DELETE FROM products", params: [] }])).rejects.toThrow("Authentication error");
    const page = await edge.catalog.products.list.query({ limit: 1 });
    expect(page.total).toBeGreaterThan(0);
  });
});
