// The product CSV export (#24), paged: real libSQL, NATS, Redis and inventory, products written
// by the real import; the procedure through the gateway as staff, a seller and refused roles.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { clientFor, everyExportPage, failure, startPlatform, type TestPlatform } from "@mercato/testing";
import { parse } from "csv-parse/sync";
import { exportProductsCsv } from "../src/app/export-products.ts";
import { importProducts, textSource } from "../src/app/import-products.ts";
import { EXPORT_PAGE_SIZE, PRODUCT_CSV_HEADER } from "../src/contract.ts";
import type { CatalogDeps } from "../src/deps.ts";
import type { CatalogRouter } from "../src/index.ts";

const HEADER = "handle,title,description,status,sku,price_eur,stock";
/** Cells a spreadsheet would run as formulas if they were written as they are. */
const FORMULA_TITLE = '=HYPERLINK("https://evil.example","Sale")';
const DASH_DESCRIPTION = "- breathes\n- dries fast";
const BULK = EXPORT_PAGE_SIZE + 5;

let platform: TestPlatform<"catalog" | "inventory", "catalog">;
let deps: CatalogDeps;
const tokens: Record<string, string> = {};

const gateway = (token: string) => clientFor<CatalogRouter>(platform.gateway!.url, { token });

const pages = (token: string) => everyExportPage((input) => gateway(token).catalog.admin.exports.products.query(input));

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  platform = await startPlatform({
    services: ["catalog", "inventory"],
    inProcess: ["catalog"],
    gateway: true,
    testIssuer: true,
  });
  deps = platform.inProcess.catalog.deps as unknown as CatalogDeps;
  const sign = (sub: string, role: string) => platform.issuer!.sign({ sub, email: `${sub}@example.com`, role });
  tokens.admin = await sign("admin-export", "admin");
  tokens.shopper = await sign("shopper-export", "customer");
  tokens.support = await sign("support-export", "support");
  const rows = Array.from(
    { length: BULK },
    (_, i) => `exp-bulk-${String(i).padStart(4, "0")},Bulk ${i},,active,EXP-B-${i},1000,1`,
  );
  const csv = [
    HEADER,
    ...rows,
    `exp-formula,"${FORMULA_TITLE.replaceAll('"', '""')}","${DASH_DESCRIPTION}",active,EXP-F-1,2500,3`,
  ].join("\n");
  const job = await importProducts(deps, textSource("bulk.csv", csv), { dryRun: false, strict: true });
  expect(job.errors).toEqual([]);
}, 120_000);

afterAll(async () => {
  await platform?.dispose();
}, 60_000);

describe("the product CSV export", () => {
  test("pages through every product, the import's header on the first page only", async () => {
    const all = await pages(tokens.admin!);
    expect(all.length).toBeGreaterThan(1);
    expect(all[0]!.split("\n")[0]).toBe(PRODUCT_CSV_HEADER);
    for (const later of all.slice(1)) expect(later.split("\n")[0]).not.toBe(PRODUCT_CSV_HEADER);
    const rows = rowsOf(all.join(""));
    const handles = rows.map((r) => r.handle).filter((h) => h?.startsWith("exp-bulk-"));
    expect(handles).toHaveLength(BULK);
    expect(rows.find((r) => r.handle === "exp-bulk-0007")).toMatchObject({
      title: "Bulk 7",
      sku: "EXP-B-7",
      status: "active",
      price_eur: "1000",
    });
  });

  test("text that starts like a formula is quoted, and the export imported again changes nothing", async () => {
    const rows = rowsOf((await pages(tokens.admin!)).join(""));
    const row = rows.find((r) => r.handle === "exp-formula")!;
    expect(row.title).toBe(`'${FORMULA_TITLE}`);
    expect(row.description).toBe(`'${DASH_DESCRIPTION}`);
    let csv = "";
    for await (const page of exportProductsCsv(deps.db.orm)) csv += page;
    const again = await importProducts(deps, textSource("again.csv", csv), { dryRun: false, strict: true });
    expect(again.errors).toEqual([]);
    expect(again.counts.created + again.counts.updated).toBe(0);
    const page = await clientFor<CatalogRouter>(platform.gateway!.url).catalog.products.bySlug.query({
      slug: "exp-formula",
    });
    expect(page?.title).toBe(FORMULA_TITLE);
  });

  test("a shopper and staff without catalog.write are refused, 403 naming the permission", async () => {
    for (const token of [tokens.shopper!, tokens.support!]) {
      const refused = await failure(gateway(token).catalog.admin.exports.products.query({ cursor: null }));
      expect(refused.data?.httpStatus).toBe(403);
      expect(refused.data?.field).toBe("permission");
      expect(refused.message).toContain('"catalog.write"');
    }
  });
});
