import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createEvent, StockChanged } from "@mercato/events";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { categories, productCategories, products, variants } from "../src/db/schema.ts";
import type { CatalogRouter } from "../src/index.ts";
import { catalogService } from "../src/service.ts";

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let catalog: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof catalogService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  catalog = await startTestService(catalogService, { service: "catalog", nats, redis, issuer });
  const now = Date.now();
  await catalog.deps.db.write(async (tx) => {
    await tx.insert(categories).values([
      { id: "c-root", parentId: null, slug: "clothing", name: "Clothing", position: 0 },
      { id: "c-child", parentId: "c-root", slug: "shirts", name: "Shirts", position: 0 },
    ]);
    for (let i = 0; i < 5; i++) {
      await tx.insert(products).values({
        id: `p${i}`,
        slug: `shirt-${i}`,
        title: `Shirt ${i}`,
        status: i === 4 ? "draft" : "active",
        createdAt: new Date(now - i * 1000),
        updatedAt: new Date(now),
      });
      await tx.insert(variants).values({ sku: `SKU-${i}`, productId: `p${i}`, price: 1000 + i, currency: "EUR" });
      await tx.insert(productCategories).values({ productId: `p${i}`, categoryId: "c-child" });
    }
  });
}, 30_000);

afterAll(async () => {
  await catalog?.dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

function client() {
  return createTRPCClient<CatalogRouter>({
    links: [httpBatchLink({ url: `${catalog.url}/trpc`, transformer: superjson })],
  });
}

describe("catalog on the kit", () => {
  test("answers a real tRPC query from its libSQL database, walking pages once each", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client().catalog.products.list.query({ category: "clothing", limit: 2, cursor });
      seen.push(...page.items.map((p) => p.slug));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["shirt-0", "shirt-1", "shirt-2", "shirt-3"]);
  });

  test("a page size over the maximum is a BAD_REQUEST naming the field", async () => {
    const err = await client()
      .catalog.products.list.query({ limit: 500 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    const e = err as TRPCClientError<CatalogRouter>;
    expect(e.data?.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("limit");
  });

  test("drafts are invisible to the public", async () => {
    const err = await client()
      .catalog.products.bySlug.query({ slug: "shirt-4" })
      .catch((e: unknown) => e as TRPCClientError<CatalogRouter>);
    expect((err as TRPCClientError<CatalogRouter>).data?.code).toBe("NOT_FOUND");
  });

  test("inventory.stock.changed keeps the in-stock flag current", async () => {
    await catalog.deps.bus.publish(StockChanged, { sku: "SKU-1", onHand: 5, reserved: 0, available: 5 });
    const deadline = Date.now() + 5_000;
    let product = await client().catalog.products.bySlug.query({ slug: "shirt-1" });
    while (!product.inStock && Date.now() < deadline) {
      await Bun.sleep(50);
      product = await client().catalog.products.bySlug.query({ slug: "shirt-1" });
    }
    expect(product.inStock).toBe(true);
    expect(product.variants[0]?.available).toBe(5);
    expect(createEvent(StockChanged, { sku: "x", onHand: 0, reserved: 0, available: 0 }).type).toBe(
      "inventory.stock.changed.v1",
    );
  });
});
