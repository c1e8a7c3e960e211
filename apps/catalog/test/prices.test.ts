import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Currency } from "../src/contract.ts";
import { productPrices } from "../src/db/schema.ts";
import { DEMO_PRODUCTS, demoAmount, demoPriceSet, demoVariants } from "../src/db/seed-data.ts";
import { failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;

beforeAll(async () => {
  h = await startCatalog();
}, 30_000);
afterAll(() => h?.dispose());

/** Every item of a listing, walking its pages. */
async function walk(input: { currency?: Currency; sort?: "price_asc" | "price_desc" | "newest"; q?: string }) {
  const items = [];
  let cursor: string | undefined;
  let total = 0;
  do {
    const page = await h.shop.catalog.products.list.query({ ...input, limit: 20, cursor });
    items.push(...page.items);
    total = page.total;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, total };
}

describe("price sets", () => {
  test("round trip: create and update write the whole set, every read answers it", async () => {
    const created = await h.admin.catalog.admin.products.create.mutate({
      title: "Price Set Lantern",
      status: "active",
      taxClass: "reduced",
      variants: [
        {
          sku: "PSL-S",
          options: { size: "S" },
          weightGrams: 420,
          prices: [
            { currency: "USD", amount: 2700 },
            { currency: "EUR", amount: 2500, compareAtAmount: 3000 },
            { currency: "GBP", amount: 2100 },
          ],
        },
        { sku: "PSL-L", options: { size: "L" }, weightGrams: 800, prices: [{ currency: "EUR", amount: 2900 }] },
      ],
    });
    const product = await h.admin.catalog.admin.products.byId.query({ id: created.productId });
    expect(product.taxClass).toBe("reduced");
    expect(product.currencies).toEqual(["EUR", "GBP", "USD"]);
    expect(product.minPrice).toBe(2500);
    expect(product.currency).toBe("EUR");
    expect(
      product.variants.map((v) => [v.sku, v.price, v.compareAtPrice, v.currency, v.weightGrams, v.prices]),
    ).toEqual([
      [
        "PSL-S",
        2500,
        3000,
        "EUR",
        420,
        [
          { currency: "EUR", amount: 2500, compareAtAmount: 3000 },
          { currency: "GBP", amount: 2100, compareAtAmount: null },
          { currency: "USD", amount: 2700, compareAtAmount: null },
        ],
      ],
      ["PSL-L", 2900, null, "EUR", 800, [{ currency: "EUR", amount: 2900, compareAtAmount: null }]],
    ]);
    const [s] = await h.shop.catalog.products.bySkus.query({ skus: ["PSL-S"] });
    expect(s).toMatchObject({ taxClass: "reduced", weightGrams: 420, price: 2500, currency: "EUR" });
    expect(s!.prices).toEqual(product.variants[0]!.prices);

    // The product page in GBP: only the variant priced in GBP, at its GBP price.
    const gbp = await h.shop.catalog.products.bySlug.query({ slug: "price-set-lantern", currency: "GBP" });
    expect(gbp.minPrice).toBe(2100);
    expect(gbp.currency).toBe("GBP");
    expect(gbp.variants.map((v) => [v.sku, v.price, v.currency])).toEqual([["PSL-S", 2100, "GBP"]]);

    // Update: a new set (USD dropped, a legacy one-currency variant), weights kept when not given.
    await h.admin.catalog.admin.products.update.mutate({
      id: created.productId,
      taxClass: "standard",
      variants: [
        {
          sku: "PSL-S",
          options: { size: "S" },
          prices: [
            { currency: "EUR", amount: 2400 },
            { currency: "GBP", amount: 1990 },
          ],
        },
        { sku: "PSL-L", options: { size: "L" }, price: 3100, currency: "GBP" },
      ],
    });
    const updated = await h.admin.catalog.admin.products.byId.query({ id: created.productId });
    expect(updated.taxClass).toBe("standard");
    expect(updated.currencies).toEqual(["EUR", "GBP"]);
    expect(updated.variants.map((v) => [v.sku, v.price, v.currency, v.weightGrams, v.prices.length])).toEqual([
      ["PSL-S", 2400, "EUR", 420, 2],
      ["PSL-L", 3100, "GBP", 800, 1],
    ]);
    const from = await h.catalog.deps.db.orm
      .select({ currency: productPrices.currency, minPrice: productPrices.minPrice })
      .from(productPrices)
      .where(eq(productPrices.productId, created.productId))
      .orderBy(productPrices.currency);
    expect(from).toEqual([
      { currency: "EUR", minPrice: 2400 },
      { currency: "GBP", minPrice: 1990 },
    ]);
  });

  test("a listing in USD leaves out products not priced in USD; EUR and GBP list them", async () => {
    await h.admin.catalog.admin.products.create.mutate({
      title: "Euro Only Candle",
      status: "active",
      variants: [
        {
          sku: "EOC-1",
          prices: [
            { currency: "EUR", amount: 1500 },
            { currency: "GBP", amount: 1300 },
          ],
        },
      ],
    });
    const inUsd = await h.shop.catalog.products.list.query({ q: "euro only candle", currency: "USD" });
    expect(inUsd.items).toEqual([]);
    expect(inUsd.total).toBe(0);
    const inGbp = await h.shop.catalog.products.list.query({ q: "euro only candle", currency: "GBP" });
    expect(inGbp.items.map((p) => [p.slug, p.minPrice, p.currency])).toEqual([["euro-only-candle", 1300, "GBP"]]);
    const inEur = await h.shop.catalog.products.list.query({ q: "euro only candle" });
    expect(inEur.items.map((p) => [p.slug, p.minPrice, p.currency])).toEqual([["euro-only-candle", 1500, "EUR"]]);

    // The whole USD catalog: everything else, not the candle (nor the lantern, now EUR/GBP only).
    const usd = await walk({ currency: "USD", sort: "newest" });
    const slugs = usd.items.map((p) => p.slug);
    expect(slugs).not.toContain("euro-only-candle");
    expect(slugs).not.toContain("price-set-lantern");
    expect(new Set(slugs)).toEqual(new Set(DEMO_PRODUCTS.map((p) => p.slug)));
    expect(usd.total).toBe(DEMO_PRODUCTS.length);

    // The product page in USD says where it sells instead of a price it does not have.
    const page = await h.shop.catalog.products.bySlug.query({ slug: "euro-only-candle", currency: "USD" });
    expect(page.variants).toEqual([]);
    expect(page.currencies).toEqual(["EUR", "GBP"]);
    // byIds in USD leaves it out too.
    expect(await h.shop.catalog.products.byIds.query({ ids: [page.id], currency: "USD" })).toEqual([]);
    expect((await h.shop.catalog.products.byIds.query({ ids: [page.id], currency: "GBP" }))[0]!.minPrice).toBe(1300);
  });

  test("a listing sorted by GBP price walks GBP from-prices in order, filters and buckets in GBP", async () => {
    const asc = await walk({ currency: "GBP", sort: "price_asc" });
    const prices = asc.items.map((p) => p.minPrice);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(asc.items).toHaveLength(asc.total);
    for (const p of asc.items) {
      expect(p.currency).toBe("GBP");
      expect(p.variants.length).toBeGreaterThan(0);
      expect(p.minPrice).toBe(Math.min(...p.variants.map((v) => v.price)));
    }
    // Each card's variant price is that variant's GBP entry (cards carry one currency, not the set).
    const skus = asc.items.flatMap((p) => p.variants.map((v) => [v.sku, v.price] as const));
    for (let i = 0; i < skus.length; i += 100) {
      const chunk = skus.slice(i, i + 100);
      const rows = await h.shop.catalog.products.bySkus.query({ skus: chunk.map(([sku]) => sku) });
      const gbp = new Map(rows.map((r) => [r.sku, r.prices.find((x) => x.currency === "GBP")?.amount]));
      for (const [sku, price] of chunk) expect([sku, price]).toEqual([sku, gbp.get(sku)!]);
    }
    // The demo GBP prices are the demo conversion of the EUR ones.
    const tee = asc.items.find((p) => p.slug === DEMO_PRODUCTS[0]!.slug)!;
    expect(tee.minPrice).toBe(demoAmount(DEMO_PRODUCTS[0]!.price, "GBP"));

    const desc = await walk({ currency: "GBP", sort: "price_desc" });
    expect(desc.items.map((p) => p.minPrice)).toEqual([...prices].reverse());

    // A GBP price range and its buckets count GBP from-prices.
    const range = await h.shop.catalog.products.list.query({
      currency: "GBP",
      minPrice: 2000,
      maxPrice: 5000,
      limit: 100,
    });
    const inRange = asc.items.filter((p) => p.minPrice >= 2000 && p.minPrice <= 5000);
    expect(range.total).toBe(inRange.length);
    const all = await h.shop.catalog.products.list.query({ currency: "GBP", limit: 1 });
    const bucketSum = all.facets.price.reduce((n, b) => n + b.count, 0);
    expect(bucketSum).toBe(all.total);
    for (const b of all.facets.price) {
      expect(b.count).toBe(
        asc.items.filter((p) => p.minPrice >= b.min && (b.max === null || p.minPrice < b.max)).length,
      );
    }
  });

  test("bySkus carries each demo variant's three prices, its weight and its product's tax class", async () => {
    const book = DEMO_PRODUCTS.findIndex((p) => p.categorySlugs.includes("books"));
    const tee = 0;
    const skus = [demoVariants(DEMO_PRODUCTS[book]!, book)[0]!.sku, demoVariants(DEMO_PRODUCTS[tee]!, tee)[0]!.sku];
    const rows = await h.shop.catalog.products.bySkus.query({ skus });
    const bySku = new Map(rows.map((r) => [r.sku, r]));
    const b = bySku.get(skus[0]!)!;
    expect(b.taxClass).toBe("reduced");
    expect(b.weightGrams).toBe(DEMO_PRODUCTS[book]!.weightGrams);
    expect(b.prices).toEqual(demoPriceSet(DEMO_PRODUCTS[book]!.price, DEMO_PRODUCTS[book]!.compareAt));
    expect(b.prices.map((p) => p.currency)).toEqual(["EUR", "GBP", "USD"]);
    const t = bySku.get(skus[1]!)!;
    expect(t.taxClass).toBe("standard");
    expect(t.weightGrams).toBeGreaterThan(0);
    // Books: a category with at least two products, all reduced.
    const books = await h.shop.catalog.products.list.query({ category: "books" });
    expect(books.total).toBeGreaterThanOrEqual(2);
    expect(books.items.every((p) => p.taxClass === "reduced")).toBe(true);
  });

  test("a variant with no price at all, or two prices in one currency, is a 400 naming the field", async () => {
    const none = await failure(
      h.admin.catalog.admin.products.create.mutate({ title: "No Price", variants: [{ sku: "NP-1" }] }),
    );
    expect(none.data?.code).toBe("BAD_REQUEST");
    expect(none.data?.field).toBe("variants.0.price");
    const twice = await failure(
      h.admin.catalog.admin.products.create.mutate({
        title: "Twice",
        variants: [
          {
            sku: "TW-1",
            prices: [
              { currency: "EUR", amount: 100 },
              { currency: "EUR", amount: 200 },
            ],
          },
        ],
      }),
    );
    expect(twice.data?.code).toBe("BAD_REQUEST");
    expect(twice.data?.field).toBe("variants.0.prices");
    const noCurrency = await failure(
      h.admin.catalog.admin.products.create.mutate({
        title: "Bad Currency",
        variants: [{ sku: "BC-1", prices: [{ currency: "CHF" as "EUR", amount: 100 }] }],
      }),
    );
    expect(noCurrency.data?.field).toBe("variants.0.prices.0.currency");
  });
});
