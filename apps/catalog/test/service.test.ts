import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { StockChanged } from "@mercato/events";
import { SERVICE_TOKEN_HEADER } from "@mercato/kit";
import { testServiceSigner } from "@mercato/testing";
import { STOCK_POSITION_TRUST_MS } from "../src/app/record-availability.ts";
import { listInput } from "../src/contract.ts";
import { DEMO_PRODUCTS, demoVariants } from "../src/db/seed-data.ts";
import { eventually, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;

beforeAll(async () => {
  h = await startCatalog();
}, 30_000);
afterAll(() => h?.dispose());

describe("catalog on the kit", () => {
  test("is ready with its database, NATS and Redis", async () => {
    const res = await fetch(`${h.catalog.url}/ready`);
    expect(res.status).toBe(200);
  });

  test("bySkus answers what carts and orders price from", async () => {
    const product = DEMO_PRODUCTS[0]!;
    const [first] = demoVariants(product, 0);
    const rows = await h.shop.catalog.products.bySkus.query({ skus: [first!.sku, first!.sku, "UNKNOWN-SKU"] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      sku: first!.sku,
      productId: expect.any(String),
      productSlug: product.slug,
      title: product.title,
      kind: "standard",
      image: { url: `/media/${product.slug}.svg`, alt: product.title },
      options: first!.options,
      price: product.price,
      compareAtPrice: product.compareAt,
      currency: "EUR",
      taxClass: "standard",
      weightGrams: product.weightGrams,
      prices: first!.prices,
      // No price list applies to demo data: each currency's regular price.
      effectivePrices: first!.prices.map((p) => ({
        currency: p.currency,
        amount: p.amount,
        regularAmount: p.amount,
        priceList: null,
      })),
      status: "active",
      available: 0,
      ownerId: null,
    });
  });

  test("byIds shows drafts to services but not to the public", async () => {
    const draft = await h.admin.catalog.admin.products.create.mutate({
      title: "Hidden Prototype",
      variants: [{ sku: "PROTO-1", price: 100 }],
    });
    expect(await h.shop.catalog.products.byIds.query({ ids: [draft.productId] })).toEqual([]);
    const token = await testServiceSigner("orders")("catalog");
    const res = await fetch(
      `${h.catalog.url}/trpc/catalog.products.byIds?input=${encodeURIComponent(JSON.stringify({ json: { ids: [draft.productId] } }))}`,
      { headers: { [SERVICE_TOKEN_HEADER]: token } },
    );
    const body = (await res.json()) as { result: { data: { json: { slug: string }[] } } };
    expect(body.result.data.json.map((p) => p.slug)).toEqual(["hidden-prototype"]);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  test("bySkus shows drafts to services and admins but not to the public", async () => {
    await h.admin.catalog.admin.products.create.mutate({
      title: "Hidden Sku Prototype",
      variants: [{ sku: "PROTO-SKU-1", price: 100 }],
    });
    expect(await h.shop.catalog.products.bySkus.query({ skus: ["PROTO-SKU-1"] })).toEqual([]);
    expect((await h.admin.catalog.products.bySkus.query({ skus: ["PROTO-SKU-1"] })).map((r) => r.status)).toEqual([
      "draft",
    ]);
    const token = await testServiceSigner("orders")("catalog");
    const res = await fetch(
      `${h.catalog.url}/trpc/catalog.products.bySkus?input=${encodeURIComponent(JSON.stringify({ json: { skus: ["PROTO-SKU-1"] } }))}`,
      { headers: { [SERVICE_TOKEN_HEADER]: token } },
    );
    const body = (await res.json()) as { result: { data: { json: { sku: string; status: string }[] } } };
    expect(body.result.data.json.map((r) => `${r.sku} ${r.status}`)).toEqual(["PROTO-SKU-1 draft"]);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  test("a listing with too many option keys is a 400 naming options, not a 500", async () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, ["v"]]));
    const err = await failure(h.shop.catalog.products.list.query({ options: keys(21) }));
    expect(err.data?.httpStatus).toBe(400);
    expect(err.data?.field).toBe("options");
    // 992 keys (what made SQLite fail) do not fit a GET URL; the contract refuses them all the same.
    const parsed = listInput.safeParse({ options: keys(992) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["options"]);
    expect((await h.shop.catalog.products.list.query({ options: keys(20) })).items).toEqual([]);
  });

  test("inventory.stock.changed keeps availability and the in-stock flag current, once per event", async () => {
    const product = DEMO_PRODUCTS[1]!;
    const [v1, v2] = demoVariants(product, 1);
    const event = await h.catalog.deps.bus.publish(StockChanged, {
      sku: v1!.sku,
      onHand: 5,
      reserved: 0,
      available: 5,
    });
    await h.catalog.deps.bus.publish(StockChanged, { sku: v2!.sku, onHand: 2, reserved: 0, available: 2 });
    const inStock = await eventually(async () => {
      const p = await h.shop.catalog.products.bySlug.query({ slug: product.slug });
      return p.inStock && p.variants[1]!.available === 2 ? p : undefined;
    });
    expect(inStock.variants[0]!.available).toBe(5);

    await h.catalog.deps.bus.publish(StockChanged, { sku: v1!.sku, onHand: 0, reserved: 0, available: 0 });
    await h.catalog.deps.bus.publish(StockChanged, { sku: v2!.sku, onHand: 0, reserved: 0, available: 0 });
    const sold = await eventually(async () => {
      const p = await h.shop.catalog.products.bySlug.query({ slug: product.slug });
      return p.inStock ? undefined : p;
    });
    expect(sold.variants.slice(0, 2).map((v) => v.available)).toEqual([0, 0]);

    // A redelivery of the first event (same event id, new NATS message) changes nothing: once the
    // marker event behind it has been handled, the variant still shows 0.
    await h.catalog.deps.bus.publishRaw(event.type, JSON.stringify(event), `${event.id}-again`);
    const [marker] = demoVariants(DEMO_PRODUCTS[2]!, 2);
    await h.catalog.deps.bus.publish(StockChanged, { sku: marker!.sku, onHand: 1, reserved: 0, available: 1 });
    await eventually(async () => {
      const p = await h.shop.catalog.products.bySlug.query({ slug: DEMO_PRODUCTS[2]!.slug });
      return p.inStock ? true : undefined;
    });
    const after = await h.shop.catalog.products.bySlug.query({ slug: product.slug });
    expect(after.variants[0]!.available).toBe(0);
    expect(after.inStock).toBe(false);
  });

  test("a stock change older than one applied (by its ledger seq) changes nothing, as another instance may handle it late", async () => {
    const product = DEMO_PRODUCTS[3]!;
    const [v] = demoVariants(product, 3);
    const availableNow = async () =>
      (await h.shop.catalog.products.bySlug.query({ slug: product.slug })).variants.find((x) => x.sku === v!.sku)!
        .available;
    await h.catalog.deps.bus.publish(StockChanged, { sku: v!.sku, onHand: 7, reserved: 0, available: 7, seq: 1_000 });
    await eventually(async () => ((await availableNow()) === 7 ? true : undefined));
    // Handled after the newer one (a second instance held it): the older level must not win.
    await h.catalog.deps.bus.publish(StockChanged, { sku: v!.sku, onHand: 1, reserved: 0, available: 1, seq: 999 });
    const [marker] = demoVariants(DEMO_PRODUCTS[4]!, 4);
    await h.catalog.deps.bus.publish(StockChanged, { sku: marker!.sku, onHand: 3, reserved: 0, available: 3, seq: 5 });
    await eventually(async () => {
      const p = await h.shop.catalog.products.bySlug.query({ slug: DEMO_PRODUCTS[4]!.slug });
      return p.variants.find((x) => x.sku === marker!.sku)?.available === 3 ? true : undefined;
    });
    expect(await availableNow()).toBe(7);
    // A newer one applies.
    await h.catalog.deps.bus.publish(StockChanged, { sku: v!.sku, onHand: 2, reserved: 0, available: 2, seq: 1_001 });
    await eventually(async () => ((await availableNow()) === 2 ? true : undefined));

    // Long after, a lower seq is inventory's ledger starting over (a restored database): it applies.
    await h.catalog.deps.db.client.execute({
      sql: "UPDATE stock_positions SET applied_at = ? WHERE sku = ?",
      args: [Date.now() - STOCK_POSITION_TRUST_MS - 1_000, v!.sku],
    });
    await h.catalog.deps.bus.publish(StockChanged, { sku: v!.sku, onHand: 4, reserved: 0, available: 4, seq: 3 });
    await eventually(async () => ((await availableNow()) === 4 ? true : undefined));
  });
});
