// The stock CSV export (#24): real libSQL, NATS and Redis (the harness's), the procedure over HTTP.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ProductCreated } from "@mercato/events";
import { everyExportPage, failure } from "@mercato/testing";
import { parse } from "csv-parse/sync";
import { EXPORT_PAGE_SIZE, STOCK_CSV_COLUMNS } from "../src/contract.ts";
import { clientFor, eventually, type InventoryUnderTest, startInventory, userClient } from "./helpers.ts";

let env: Awaited<ReturnType<typeof startInventory>>;
let inventory: InventoryUnderTest;
let admin: ReturnType<typeof userClient>;

/** More SKUs than one page holds, so the export has to be paged through. */
const SKUS = Array.from({ length: EXPORT_PAGE_SIZE + 5 }, (_, i) => `EXP-${String(i).padStart(4, "0")}`);
/** A SKU a spreadsheet would run as a formula if it were written as it is. */
const FORMULA_SKU = '=HYPERLINK("https://evil.example","x")';
const SELLER = "seller-export";

const asUser = (claims: { sub: string; role: string; sel?: string; perms?: string[] }) =>
  clientFor(inventory.url, async () => ({
    authorization: `Bearer ${await env.issuer.sign({ email: `${claims.sub}@example.com`, ...claims })}`,
  }));

/** Every page of the export, each page's text as it came. */
const pages = (client: ReturnType<typeof clientFor>) =>
  everyExportPage((input) => client.inventory.admin.exports.stock.query(input));

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  env = await startInventory();
  inventory = env.inventory;
  admin = userClient(inventory.url, env.issuer, "admin");
  const variants = (skus: string[]) => skus.map((sku) => ({ sku, price: 1000, currency: "EUR" as const }));
  const product = (productId: string, skus: string[], ownerId: string | null) => ({
    productId,
    slug: productId,
    title: productId,
    status: "active" as const,
    categoryIds: [],
    ownerId,
    variants: variants(skus),
  });
  await inventory.deps.bus.publish(ProductCreated, product("exp-shop", [...SKUS, FORMULA_SKU], null));
  await inventory.deps.bus.publish(ProductCreated, product("exp-seller", ["EXP-SELLER-1"], SELLER));
  await eventually(async () => {
    const { items } = await admin.inventory.admin.list.query({ q: "EXP-SELLER-1", limit: 5 });
    return items.length > 0 ? true : undefined;
  }, "the seller's SKU to have stock");
  await admin.inventory.admin.adjust.mutate({ sku: "EXP-0001", kind: "receive", quantity: 7, reason: "delivery" });
}, 60_000);

afterAll(async () => {
  await env?.dispose();
}, 30_000);

describe("the stock CSV export", () => {
  test("pages through every SKU, the header on the first page only, each SKU's levels in its row", async () => {
    const all = await pages(admin);
    expect(all.length).toBeGreaterThan(1);
    expect(all[0]!.split("\n")[0]).toBe(STOCK_CSV_COLUMNS.join(","));
    for (const later of all.slice(1)) expect(later.split("\n")[0]).not.toBe(STOCK_CSV_COLUMNS.join(","));
    const rows = rowsOf(all.join(""));
    const skus = rows.map((r) => r.sku);
    expect(new Set(skus).size).toBe(skus.length);
    for (const sku of [...SKUS, "EXP-SELLER-1"]) expect(skus).toContain(sku);
    const row = rows.find((r) => r.sku === "EXP-0001")!;
    expect(row).toMatchObject({
      on_hand: "7",
      reserved: "0",
      available: "7",
      low_stock_threshold: "5",
      low_stock: "false",
    });
    expect(new Date(row.updated_at!).toISOString()).toBe(row.updated_at!);
  });

  test("a SKU that starts like a formula is written with a leading quote (OWASP CSV injection)", async () => {
    const rows = rowsOf((await pages(admin)).join(""));
    expect(rows.map((r) => r.sku)).toContain(`'${FORMULA_SKU}`);
    expect(rows.map((r) => r.sku)).not.toContain(FORMULA_SKU);
  });

  test("a seller exports its own SKUs only", async () => {
    const seller = asUser({ sub: "seller-user", role: "seller", sel: SELLER });
    const rows = rowsOf((await pages(seller)).join(""));
    expect(rows.map((r) => r.sku)).toEqual(["EXP-SELLER-1"]);
  });

  test("a shopper and staff without inventory.adjust are refused, 403 naming the permission", async () => {
    for (const client of [
      userClient(inventory.url, env.issuer, "customer"),
      asUser({ sub: "support-1", role: "support" }),
    ]) {
      const refused = await failure(client.inventory.admin.exports.stock.query({ cursor: null }));
      expect(refused.data?.httpStatus).toBe(403);
      expect(refused.data?.field).toBe("permission");
      expect(refused.message).toContain('"inventory.adjust"');
    }
  });

  test("a malformed cursor is a 400 naming cursor", async () => {
    const bad = await failure(admin.inventory.admin.exports.stock.query({ cursor: "not-a-cursor" }));
    expect(bad.data?.httpStatus).toBe(400);
    expect(bad.data?.field).toBe("cursor");
  });
});
