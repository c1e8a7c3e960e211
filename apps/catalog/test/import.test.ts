import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { clientFor, eventually, failure, startPlatform, type TestPlatform } from "@mercato/testing";
import { count, eq, inArray } from "drizzle-orm";
import { exportProductsCsv } from "../src/app/export-products.ts";
import { type ImportDeps, importProducts, textSource } from "../src/app/import-products.ts";
import type { ImportJob } from "../src/contract.ts";
import { categories, outbox, products, variantPrices, variants } from "../src/db/schema.ts";
import type { CatalogDeps } from "../src/deps.ts";
import { parseRow } from "../src/domain/import-rows.ts";
import type { CatalogRouter } from "../src/index.ts";

const HEADER =
  "handle,title,description,status,brand,tax_class,categories,images,sku,options,weight_grams,price_eur,compare_at_eur,price_gbp,price_usd,stock";

const GOOD = [
  HEADER,
  `imp-linen-shirt,Linen shirt,"Breathes, even in July.",active,Acme,standard,imp-clothing/imp-shirts,https://img.example.com/shirt.jpg,IMP-LS-S,size=S;colour=Sand,200,4900,5900,4200,5300,7`,
  "imp-linen-shirt,,,,,,,,IMP-LS-M,size=M;colour=Sand,210,4900,,4200,5300,3",
  "imp-wool-hat,Wool hat,,draft,,,imp-accessories,,IMP-WH-1,,,1900,,,,0",
].join("\n");

/** Five bad rows between good ones: every one must be reported with its line and column. */
const MALFORMED = [
  HEADER,
  "imp-good-one,Good one,,active,,,,,IMP-G1,,,1000,,,,2", // line 2: good
  "imp-bad-price,Bad price,,active,,,,,IMP-BP,,,29.99,,,,", // line 3: price_eur not minor units
  "imp-bad-status,Bad status,,published,,,,,IMP-BS,,,1000,,,,", // line 4: status
  "imp-no-title,,,active,,,,,IMP-NT,,,1000,,,,", // line 5: title
  "imp-good-two,Good two,,active,,,,,IMP-G2,,,1200,,,,", // line 6: good
  "imp-bad-sku,Bad sku,,active,,,,,bad sku!,,,1000,,,,", // line 7: sku
  "imp-bad-stock,Bad stock,,active,,,,,IMP-BST,,,1000,,,,-3", // line 8: stock
].join("\n");

let platform: TestPlatform<"catalog" | "inventory", "catalog">;
let deps: CatalogDeps;
let importDeps: ImportDeps;
let adminToken: string;
let shopperToken: string;

beforeAll(async () => {
  platform = await startPlatform({
    services: ["catalog", "inventory"],
    inProcess: ["catalog"],
    gateway: true,
    testIssuer: true,
    seedDemo: ["catalog"],
  });
  deps = platform.inProcess.catalog.deps as unknown as CatalogDeps;
  importDeps = deps;
  adminToken = await platform.issuer!.sign({ sub: "admin-import", email: "admin@example.com", role: "admin" });
  shopperToken = await platform.issuer!.sign({ sub: "shopper-import", email: "shopper@example.com" });
}, 120_000);

afterAll(async () => {
  await platform?.dispose();
}, 60_000);

const run = (csv: string, opts: { dryRun?: boolean; strict?: boolean } = {}) =>
  importProducts(importDeps, textSource("test.csv", csv), {
    dryRun: opts.dryRun ?? false,
    strict: opts.strict ?? false,
  });

async function productCount(): Promise<number> {
  const [row] = await deps.db.orm.select({ n: count() }).from(products);
  return row!.n;
}
async function outboxCount(): Promise<number> {
  const [row] = await deps.db.orm.select({ n: count() }).from(outbox);
  return row!.n;
}
async function productBySlug(slug: string) {
  const [row] = await deps.db.orm.select().from(products).where(eq(products.slug, slug));
  return row;
}
async function onHand(skus: string[]) {
  const inventory = platform.client("inventory");
  const levels = await inventory.inventory.availability.query({ skus });
  return Object.fromEntries(levels.map((l) => [l.sku, l.available]));
}

describe("the product CSV's row rules", () => {
  test("every bad cell of a row is named by its column", () => {
    const result = parseRow(
      { handle: "Not A Slug", title: "", status: "live", sku: "ok-1", price_eur: "12.50", stock: "x", options: "size" },
      9,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.column).sort()).toEqual(
      ["handle", "options", "price_eur", "status", "stock", "title"].sort(),
    );
    expect(result.errors.every((e) => e.line === 9)).toBe(true);
  });

  test("a good row gives the product's fields, the variant's price set in minor units and its stock", () => {
    const result = parseRow(
      {
        handle: "mug",
        title: "Mug",
        sku: "MUG-1",
        options: "colour=Red; size=L",
        price_eur: "1299",
        compare_at_eur: "1499",
        price_usd: "1399",
        categories: "kitchen/cups|gifts",
        stock: "12",
      },
      2,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row.variant.prices).toEqual([
      { currency: "EUR", amount: 1299, compareAtAmount: 1499 },
      { currency: "USD", amount: 1399, compareAtAmount: null },
    ]);
    expect(result.row.variant.options).toEqual({ colour: "Red", size: "L" });
    expect(result.row.product.categoryPaths).toEqual([["kitchen", "cups"], ["gifts"]]);
    expect(result.row.product.status).toBe("draft");
    expect(result.row.stock).toBe(12);
  });
});

describe("importing products from CSV", () => {
  let first: ImportJob;

  test("a good file creates its products, variants, price sets, categories and stock", async () => {
    first = await run(GOOD);
    expect(first.status).toBe("complete");
    expect(first.errors).toEqual([]);
    expect(first.counts).toMatchObject({
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: 0,
      categoriesCreated: 3,
    });
    expect(first.progress).toBe(1);

    const shirt = await productBySlug("imp-linen-shirt");
    expect(shirt).toMatchObject({
      title: "Linen shirt",
      description: "Breathes, even in July.",
      status: "active",
      brand: "Acme",
    });
    expect(shirt!.images).toEqual([{ url: "https://img.example.com/shirt.jpg", alt: "" }]);
    const vs = await deps.db.orm
      .select()
      .from(variants)
      .where(eq(variants.productId, shirt!.id))
      .orderBy(variants.position);
    expect(vs.map((v) => [v.sku, v.options, v.weightGrams])).toEqual([
      ["IMP-LS-S", { size: "S", colour: "Sand" }, 200],
      ["IMP-LS-M", { size: "M", colour: "Sand" }, 210],
    ]);
    const prices = await deps.db.orm.select().from(variantPrices).where(eq(variantPrices.sku, "IMP-LS-S"));
    expect(prices.map((p) => [p.currency, p.amount, p.compareAtAmount]).sort()).toEqual([
      ["EUR", 4900, 5900],
      ["GBP", 4200, null],
      ["USD", 5300, null],
    ]);
    const cats = await deps.db.orm
      .select()
      .from(categories)
      .where(inArray(categories.slug, ["imp-clothing", "imp-shirts", "imp-accessories"]));
    const clothing = cats.find((c) => c.slug === "imp-clothing")!;
    expect(cats.find((c) => c.slug === "imp-shirts")!.parentId).toBe(clothing.id);
    expect(clothing.name).toBe("Imp clothing");

    expect(first.counts.stockSet).toBe(2); // IMP-WH-1 is set to 0, which it already is
    expect(await onHand(["IMP-LS-S", "IMP-LS-M", "IMP-WH-1"])).toEqual({ "IMP-LS-S": 7, "IMP-LS-M": 3, "IMP-WH-1": 0 });
  });

  test("the same file again changes nothing: no new rows, no new events, the same updatedAt, no stock movement", async () => {
    const before = {
      products: await productCount(),
      outbox: await outboxCount(),
      shirt: await productBySlug("imp-linen-shirt"),
    };
    const again = await run(GOOD);
    expect(again.counts).toMatchObject({
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 2,
      failed: 0,
      categoriesCreated: 0,
      stockSet: 0,
    });
    expect(await productCount()).toBe(before.products);
    expect(await outboxCount()).toBe(before.outbox);
    expect((await productBySlug("imp-linen-shirt"))!.updatedAt).toEqual(before.shirt!.updatedAt);
  });

  test("a changed price updates that product only and announces it once", async () => {
    const before = await outboxCount();
    const job = await run(GOOD.replace("IMP-WH-1,,,1900", "IMP-WH-1,,,2100"));
    expect(job.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await outboxCount()).toBe(before + 1);
    const [price] = await deps.db.orm.select().from(variantPrices).where(eq(variantPrices.sku, "IMP-WH-1"));
    expect(price!.amount).toBe(2100);
  });

  test("a dry run validates and counts, and writes nothing", async () => {
    const before = { products: await productCount(), outbox: await outboxCount() };
    const csv = [HEADER, "imp-dry-run,Dry run,,active,,,imp-dry-cat,,IMP-DRY-1,,,500,,,,9"].join("\n");
    const job = await run(csv, { dryRun: true });
    expect(job).toMatchObject({ status: "complete", dryRun: true, errorCount: 0 });
    expect(job.counts).toMatchObject({ created: 1, categoriesCreated: 1, stockSet: 0 });
    expect(await productCount()).toBe(before.products);
    expect(await outboxCount()).toBe(before.outbox);
    expect(await productBySlug("imp-dry-run")).toBeUndefined();
    expect(await deps.db.orm.select().from(categories).where(eq(categories.slug, "imp-dry-cat"))).toEqual([]);
  });

  test("a malformed file in strict mode reports every bad row by line and column and imports none", async () => {
    const before = await productCount();
    const job = await run(MALFORMED, { strict: true });
    expect(job.status).toBe("complete");
    expect(job.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "price_eur"],
      [4, "status"],
      [5, "title"],
      [7, "sku"],
      [8, "stock"],
    ]);
    expect(job.errorCount).toBe(5);
    expect(job.counts).toMatchObject({ created: 2, failed: 5 }); // what the validation found
    expect(await productCount()).toBe(before);
    expect(await productBySlug("imp-good-one")).toBeUndefined();
  });

  test("the same file without strict imports the good rows and reports the bad ones", async () => {
    const job = await run(MALFORMED);
    expect(job.errorCount).toBe(5);
    expect(job.counts).toMatchObject({ created: 2, failed: 5 });
    expect(await productBySlug("imp-good-one")).toBeDefined();
    expect(await productBySlug("imp-good-two")).toBeDefined();
    expect(await productBySlug("imp-bad-price")).toBeUndefined();
  });

  test("a SKU another product sells, and a product's rows split apart, are refused by line", async () => {
    const csv = [
      HEADER,
      "imp-thief,Thief,,active,,,,,IMP-LS-S,,,100,,,,",
      "imp-split,Split,,active,,,,,IMP-SP-1,,,100,,,,",
      "imp-between,Between,,active,,,,,IMP-BE-1,,,100,,,,",
      "imp-split,,,,,,,,IMP-SP-2,,,100,,,,",
    ].join("\n");
    const job = await run(csv, { strict: true });
    expect(job.errors.map((e) => [e.line, e.column])).toEqual([
      [5, "handle"],
      [2, "sku"],
    ]);
    expect(job.errors[1]!.message).toContain('already belongs to product "imp-linen-shirt"');
  });

  test("a file without a required column fails as a whole, naming it", async () => {
    const job = await run("handle,title,price_eur\nx,X,100");
    expect(job.status).toBe("stopped");
    expect(job.failure).toContain("sku");
  });

  test("the export imported again changes nothing (demo catalog and imported products alike)", async () => {
    let csv = "";
    for await (const page of exportProductsCsv(deps.db.orm)) csv += page;
    expect(csv.split("\n")[0]).toBe(
      "handle,title,description,status,brand,tax_class,categories,images,sku,options,weight_grams,price_eur,compare_at_eur,price_usd,compare_at_usd,price_gbp,compare_at_gbp,stock",
    );
    expect(csv.includes("\nimp-linen-shirt,")).toBe(true);
    const before = { outbox: await outboxCount(), products: await productCount() };
    const job = await run(csv, { strict: true });
    expect(job.errors).toEqual([]);
    expect(job.counts.created).toBe(0);
    expect(job.counts.updated).toBe(0);
    expect(job.counts.unchanged).toBeGreaterThan(10);
    expect(await outboxCount()).toBe(before.outbox);
    expect(await productCount()).toBe(before.products);
  });
});

describe("the admin's import through the gateway", () => {
  const gatewayClient = (token?: string) => clientFor<CatalogRouter>(platform.gateway!.url, token ? { token } : {});

  test("a shopper is refused (403 naming the permission), an anonymous caller too (401)", async () => {
    const input = { fileName: "x.csv", csv: GOOD };
    const refused = await failure(gatewayClient(shopperToken).catalog.admin.imports.start.mutate(input));
    expect(refused.data?.httpStatus).toBe(403);
    expect(refused.data?.field).toBe("permission");
    const anonymous = await failure(gatewayClient().catalog.admin.imports.start.mutate(input));
    expect(anonymous.data?.httpStatus).toBe(401);
    const exportRefused = await failure(gatewayClient(shopperToken).catalog.admin.exports.products.query({}));
    expect(exportRefused.data?.httpStatus).toBe(403);
  });

  test("staff start an import, follow its progress to the end, and the product is in the shop", async () => {
    const admin = gatewayClient(adminToken);
    const csv = [HEADER, "imp-via-gateway,Via gateway,,active,,,,,IMP-GW-1,,,3300,,,,4"].join("\n");
    const started = await admin.catalog.admin.imports.start.mutate({ fileName: "gw.csv", csv });
    expect(started.status).toBe("running");
    const done = await eventually(async () => {
      const job = await admin.catalog.admin.imports.byId.query({ id: started.id });
      return job.status === "running" ? undefined : job;
    }, 30_000);
    expect(done).toMatchObject({ status: "complete", progress: 1, errorCount: 0 });
    expect(done.counts.created).toBe(1);
    const page = await gatewayClient().catalog.products.bySlug.query({ slug: "imp-via-gateway" });
    expect(page?.title).toBe("Via gateway");
    expect(await onHand(["IMP-GW-1"])).toEqual({ "IMP-GW-1": 4 });
  });

  test("an unknown job is a 404 naming id", async () => {
    const missing = await failure(gatewayClient(adminToken).catalog.admin.imports.byId.query({ id: "nope" }));
    expect(missing.data?.httpStatus).toBe(404);
    expect(missing.data?.field).toBe("id");
  });
});
