import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type TempDatabase, tempDatabase, tempDir } from "@mercato/testing";
import { and, eq, inArray, ne } from "drizzle-orm";
import { loadProducts } from "../src/db/queries.ts";
import * as schema from "../src/db/schema.ts";
import { seedDemo } from "../src/db/seed.ts";
import { DEMO_PRODUCTS, demoPriceSet, demoVariants } from "../src/db/seed-data.ts";
import { MIGRATIONS, migrationsBefore } from "./migrations-before.ts";

const PRICE_SETS = "0003_regions_price_sets";

let old: { path: string; dispose(): void };
let t: TempDatabase<typeof schema>;

beforeAll(async () => {
  old = tempDir("catalog-migrations-");
  t = await tempDatabase(schema, migrationsBefore(PRICE_SETS, old.path));
  // Rows written by the catalog before price sets: one price (and currency) per variant.
  const now = Date.now();
  for (const [id, doc, slug, currency, minPrice] of [
    ["p-old-1", 1, "old-shirt", "EUR", 2900],
    ["p-old-2", 2, "old-dollar-mug", "USD", 1200],
  ] as const) {
    await t.db.client.execute({
      sql: `INSERT INTO products (id, doc_id, slug, title, status, min_price, currency, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
      args: [id, doc, slug, slug, minPrice, currency, now, now],
    });
  }
  for (const [sku, productId, price, compareAt, currency, position] of [
    ["OLD-S", "p-old-1", 2900, 3500, "EUR", 0],
    ["OLD-L", "p-old-1", 3100, null, "EUR", 1],
    ["MUG-1", "p-old-2", 1200, null, "USD", 0],
  ] as const) {
    await t.db.client.execute({
      sql: `INSERT INTO variants (sku, product_id, options, price, compare_at_price, currency, available, position)
            VALUES (?, ?, '{}', ?, ?, ?, 3, ?)`,
      args: [sku, productId, price, compareAt, currency, position],
    });
  }
  // Then the new migrations, as a deployed service applies them at its next start.
  await t.db.migrate(MIGRATIONS);
}, 30_000);

afterAll(() => {
  t?.dispose();
  old?.dispose();
});

describe("the price-set migration", () => {
  test("makes each existing variant's price its price set's entry in its currency", async () => {
    const rows = await t.db.orm.select().from(schema.variantPrices).orderBy(schema.variantPrices.sku);
    expect(rows).toEqual([
      { sku: "MUG-1", currency: "USD", amount: 1200, compareAtAmount: null },
      { sku: "OLD-L", currency: "EUR", amount: 3100, compareAtAmount: null },
      { sku: "OLD-S", currency: "EUR", amount: 2900, compareAtAmount: 3500 },
    ]);
  });

  test("gives each product its from-price in its currency, and defaults for the new columns", async () => {
    const from = await t.db.orm
      .select({
        productId: schema.productPrices.productId,
        currency: schema.productPrices.currency,
        minPrice: schema.productPrices.minPrice,
        status: schema.productPrices.status,
        inStock: schema.productPrices.inStock,
      })
      .from(schema.productPrices)
      .orderBy(schema.productPrices.productId);
    // Each listing row also copies the product's listing columns.
    expect(from).toEqual([
      { productId: "p-old-1", currency: "EUR", minPrice: 2900, status: "active", inStock: false },
      { productId: "p-old-2", currency: "USD", minPrice: 1200, status: "active", inStock: false },
    ]);
    const [shirt, mug] = await loadProducts(t.db.orm, ["p-old-1", "p-old-2"]);
    expect(shirt!.taxClass).toBe("standard");
    expect(shirt!.variants.map((v) => [v.sku, v.weightGrams, v.available, v.prices.length])).toEqual([
      ["OLD-S", 0, 3, 1],
      ["OLD-L", 0, 3, 1],
    ]);
    expect(mug!.currencies).toEqual(["USD"]);
    // Old rows list in their currency at once.
    const [inUsd] = await loadProducts(t.db.orm, ["p-old-2"], "USD");
    expect(inUsd!.variants[0]!.price).toBe(1200);
    expect((await loadProducts(t.db.orm, ["p-old-2"], "EUR"))[0]!.variants).toEqual([]);
  });

  test("starts the region revision the region reads check", async () => {
    expect(await t.db.orm.select().from(schema.regionRevision)).toEqual([{ id: 1, revision: 0 }]);
  });
});

describe("a demo database seeded before price sets", () => {
  test("gets its demo variants' missing currencies and weights on the next seed, keeping the admin's prices", async () => {
    const fresh = await tempDatabase(schema, MIGRATIONS);
    try {
      await seedDemo(fresh.db);
      // What the migration leaves of a demo product seeded by the old code: EUR only, no weight.
      const product = DEMO_PRODUCTS[1]!;
      const skus = demoVariants(product, 1).map((v) => v.sku);
      const [row] = await fresh.db.orm
        .select({ id: schema.products.id })
        .from(schema.products)
        .where(eq(schema.products.slug, product.slug));
      await fresh.db.write(async (tx) => {
        await tx.delete(schema.variantPrices).where(inArray(schema.variantPrices.sku, skus));
        await tx
          .insert(schema.variantPrices)
          .values(skus.map((sku) => ({ sku, currency: "EUR" as const, amount: 1234 })));
        await tx.update(schema.variants).set({ weightGrams: 0 }).where(inArray(schema.variants.sku, skus));
        await tx
          .delete(schema.productPrices)
          .where(and(eq(schema.productPrices.productId, row!.id), ne(schema.productPrices.currency, "EUR")));
        await tx
          .update(schema.productPrices)
          .set({ minPrice: 1234 })
          .where(eq(schema.productPrices.productId, row!.id));
      });

      expect(await seedDemo(fresh.db)).toBe(0);
      const [after] = await loadProducts(fresh.db.orm, [row!.id]);
      const demoSet = demoPriceSet(product.price, product.compareAt);
      expect(after!.currencies).toEqual(["EUR", "GBP", "USD"]);
      for (const v of after!.variants) {
        // The EUR price someone set stays; GBP and USD come from the demo data.
        expect(v.prices).toEqual([{ currency: "EUR", amount: 1234, compareAtAmount: null }, ...demoSet.slice(1)]);
        expect(v.weightGrams).toBe(product.weightGrams);
      }
      const [inGbp] = await loadProducts(fresh.db.orm, [row!.id], "GBP");
      expect(inGbp!.minPrice).toBe(demoSet[1]!.amount);
    } finally {
      fresh.dispose();
    }
  });
});
