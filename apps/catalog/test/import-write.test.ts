// The import writes a batch of products with a few multi-row statements (app/import-write.ts)
// instead of going through createProductIn / updateProductIn one product at a time. These tests
// hold the two to the same result: the same product, variant, price, option, category, listing
// and search rows, and the same event, for a create and then for an update that keeps a known
// SKU's availability and weight. Real libSQL file, no services.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@mercato/db";
import { desc, eq, inArray, sql } from "drizzle-orm";
import { createCategoryIn } from "../src/app/edit-categories.ts";
import { createProductIn, updateProductIn } from "../src/app/edit-products.ts";
import { type ImportDeps, importProducts, textSource } from "../src/app/import-products.ts";
import { SeenKeys } from "../src/app/import-seen-keys.ts";
import { createProductInput, updateProductInput } from "../src/contract.ts";
import * as schema from "../src/db/schema.ts";
import {
  outbox,
  productCategories,
  productOptions,
  productPrices,
  products,
  variantPrices,
  variants,
} from "../src/db/schema.ts";

const HEADER =
  "handle,title,description,status,brand,tax_class,categories,images,sku,options,weight_grams,price_eur,compare_at_eur,price_gbp,price_usd";

let dir: string;
let db: ReturnType<typeof createDatabase<typeof schema>>;
let deps: ImportDeps;
let home: string;
let mugs: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mercato-import-write-"));
  db = createDatabase(`file:${join(dir, "catalog.db")}`, schema);
  await db.migrate(join(import.meta.dir, "../drizzle"));
  deps = { db, relay: { kick() {} }, log: { error: (o: unknown) => console.error(o) }, setStock: null };
  const made = await db.write(async (tx) => {
    const top = await createCategoryIn(tx, { name: "Home", slug: "eq-home", parentId: null, position: 0 });
    const child = await createCategoryIn(tx, { name: "Mugs", slug: "eq-mugs", parentId: top.id, position: 0 });
    return { top: top.id, child: child.id };
  });
  home = made.top;
  mugs = made.child;
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Everything stored for a product, with what must differ between the two (ids, slug, SKU prefix, times) taken out. */
async function storedRows(slug: string, skuPrefix: string) {
  const [p] = await db.orm.select().from(products).where(eq(products.slug, slug));
  if (!p) throw new Error(`no product ${slug}`);
  const vs = await db.orm.select().from(variants).where(eq(variants.productId, p.id)).orderBy(variants.position);
  const skus = vs.map((v) => v.sku);
  const prices = skus.length
    ? await db.orm
        .select()
        .from(variantPrices)
        .where(inArray(variantPrices.sku, skus))
        .orderBy(variantPrices.sku, variantPrices.currency)
    : [];
  const options = await db.orm
    .select({ name: productOptions.name, value: productOptions.value })
    .from(productOptions)
    .where(eq(productOptions.productId, p.id))
    .orderBy(productOptions.name, productOptions.value);
  const cats = await db.orm
    .select({ categoryId: productCategories.categoryId })
    .from(productCategories)
    .where(eq(productCategories.productId, p.id))
    .orderBy(productCategories.categoryId);
  const listing = await db.orm
    .select()
    .from(productPrices)
    .where(eq(productPrices.productId, p.id))
    .orderBy(productPrices.currency);
  const fts = await db.orm.all(sql`SELECT title, description, brand, skus FROM products_fts WHERE rowid = ${p.docId}`);
  const [event] = await db.orm
    .select({ subject: outbox.subject, payload: outbox.payload })
    .from(outbox)
    .where(sql`json_extract(${outbox.payload}, '$.data.productId') = ${p.id}`)
    .orderBy(desc(outbox.seq))
    .limit(1);
  const { id, docId, slug: _slug, createdAt, updatedAt, ...product } = p;
  const payload = JSON.parse(event!.payload) as { data: Record<string, unknown> };
  const { productId, slug: _eventSlug, ...eventData } = payload.data;
  expect(productId).toBe(id);
  expect(updatedAt.getTime()).toBeGreaterThanOrEqual(createdAt.getTime());
  expect(listing.every((l) => l.createdAt.getTime() === createdAt.getTime())).toBe(true);
  const rows = {
    product,
    variants: vs.map(({ productId: _p, ...v }) => v),
    prices,
    options,
    categories: cats.map((c) => c.categoryId),
    listing: listing.map(({ productId: _p, createdAt: _c, ...l }) => l),
    search: fts,
    event: { subject: event!.subject, data: eventData },
  };
  return JSON.parse(JSON.stringify(rows).replaceAll(skuPrefix, "SKU-"));
}

describe("the import's batch writer against the one-by-one product writers", () => {
  test("a created product: the same rows, listing rows, search row and event", async () => {
    await db.write((tx) =>
      createProductIn(
        tx,
        createProductInput.parse({
          slug: "eq-by-hand",
          title: "Stoneware mug",
          description: "Holds 350 ml, glazed inside.",
          status: "active",
          brand: "Acme",
          taxClass: "reduced",
          images: [{ url: "https://img.example.com/mug.jpg", alt: "" }],
          categoryIds: [mugs, home],
          variants: [
            {
              sku: "EQH-1",
              options: { colour: "Blue", size: "L" },
              prices: [
                { currency: "EUR", amount: 1200, compareAtAmount: 1500 },
                { currency: "GBP", amount: 1000 },
              ],
              currency: "EUR",
              weightGrams: 350,
            },
            { sku: "EQH-2", options: { colour: "Red", size: "L" }, prices: [{ currency: "USD", amount: 1300 }] },
          ],
        }),
      ),
    );
    const csv = [
      HEADER,
      `eq-by-import,Stoneware mug,"Holds 350 ml, glazed inside.",active,Acme,reduced,eq-home/eq-mugs|eq-home,https://img.example.com/mug.jpg,EQI-1,colour=Blue;size=L,350,1200,1500,1000,`,
      "eq-by-import,,,,,,,,EQI-2,colour=Red;size=L,,,,,1300",
    ].join("\n");
    const job = await importProducts(deps, textSource("eq.csv", csv), { dryRun: false, strict: true });
    expect(job.errors).toEqual([]);
    expect(job.counts).toMatchObject({ created: 1, failed: 0 });

    const byHand = await storedRows("eq-by-hand", "EQH-");
    const byImport = await storedRows("eq-by-import", "EQI-");
    expect(byImport).toEqual(byHand);
    // What they agree on is what the file said.
    expect(byImport.product).toMatchObject({ minPrice: 1200, currency: "EUR", inStock: false, taxClass: "reduced" });
    expect(byImport.listing.map((l: { currency: string }) => l.currency)).toEqual(["EUR", "GBP", "USD"]);
    expect(byImport.event.subject).toBe("catalog.product.created.v1");
  });

  test("an updated product: availability and weight of a kept SKU carry over, the dropped SKU's rows go", async () => {
    // Stock arrived for the first variant of each (as inventory's events set it).
    await db.write((tx) =>
      tx
        .update(variants)
        .set({ available: 5 })
        .where(inArray(variants.sku, ["EQH-1", "EQI-1"])),
    );
    const [hand] = await db.orm.select().from(products).where(eq(products.slug, "eq-by-hand"));
    await db.write((tx) =>
      updateProductIn(
        tx,
        updateProductInput.parse({
          id: hand!.id,
          title: "Stoneware mug, large",
          description: "",
          status: "draft",
          brand: null,
          taxClass: "standard",
          images: [
            { url: "https://img.example.com/mug.jpg", alt: "" },
            { url: "/media/mug-2.jpg", alt: "" },
          ],
          categoryIds: [home],
          variants: [
            { sku: "EQH-1", options: { colour: "Blue" }, prices: [{ currency: "EUR", amount: 1100 }] },
            {
              sku: "EQH-3",
              options: { colour: "Green" },
              prices: [{ currency: "EUR", amount: 900 }],
              weightGrams: 200,
            },
          ],
        }),
        {},
      ),
    );
    const csv = [
      HEADER,
      'eq-by-import,"Stoneware mug, large",,draft,,standard,eq-home,https://img.example.com/mug.jpg|/media/mug-2.jpg,EQI-1,colour=Blue,,1100,,,',
      "eq-by-import,,,,,,,,EQI-3,colour=Green,200,900,,,",
    ].join("\n");
    const job = await importProducts(deps, textSource("eq.csv", csv), { dryRun: false, strict: false });
    expect(job.errors).toEqual([]);
    expect(job.counts).toMatchObject({ updated: 1, created: 0 });

    const byHand = await storedRows("eq-by-hand", "EQH-");
    const byImport = await storedRows("eq-by-import", "EQI-");
    expect(byImport).toEqual(byHand);
    expect(byImport.variants).toMatchObject([
      { sku: "SKU-1", available: 5, weightGrams: 350 },
      { sku: "SKU-3", available: 0, weightGrams: 200 },
    ]);
    expect(byImport.product).toMatchObject({ inStock: true, minPrice: 900, status: "draft", brand: null });
    expect(byImport.event.subject).toBe("catalog.product.updated.v1");
    expect(await db.orm.select().from(variantPrices).where(eq(variantPrices.sku, "EQI-2"))).toEqual([]);
  });
});

describe("the keys a file has shown (SeenKeys)", () => {
  test("each key keeps the line it was first on, through the table's growth; unknown keys have none", () => {
    const seen = new SeenKeys(4);
    for (let i = 0; i < 50_000; i++) seen.set(`SKU-${i}`, i + 2);
    seen.set("SKU-7", 999_999);
    expect(seen.get("SKU-0")).toBe(2);
    expect(seen.get("SKU-7")).toBe(9);
    expect(seen.get("SKU-49999")).toBe(50_001);
    expect(seen.get("SKU-50000")).toBeUndefined();
    expect(seen.get("")).toBeUndefined();
    seen.set("", 3);
    expect(seen.get("")).toBe(3);
  });
});
