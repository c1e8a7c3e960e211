// The CSV exports (#24) end to end, on the shared platform (dev launcher, production web build,
// headless Chromium): staff open the admin's products, inventory, orders and customers pages, click
// "Export CSV", and the file the web's download route streams (page after page from the owning
// service) parses with csv-parse and holds the row this suite made: its own product, its stock,
// an order paid for it, a customer who signed up. A shopper's session and an anonymous one are
// refused by the route. Screenshots and axe on each page.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { EXPORT_PAGE_SIZE } from "@mercato/catalog/contract";
import { createAuthSession } from "@mercato/client";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import {
  ADMIN,
  browserSuite,
  expectAxeClean,
  paidOrder,
  SHOPPER,
  signInThroughForm,
  submitSignIn,
  until,
} from "./browser-suite.ts";

const suite = browserSuite("exports");
const tag = crypto.randomUUID().slice(0, 8);
const SKU = `EXP-${tag.toUpperCase()}`;
const TITLE = `Export tee ${tag}`;
const ORDER_EMAIL = `exports-${tag}@example.com`;
const BULK = EXPORT_PAGE_SIZE + 1;
const CUSTOMER = { email: `customer-${tag}@example.com`, password: `pw-${crypto.randomUUID()}`, name: `Casey ${tag}` };

type Row = Record<string, string>;

/** Clicks the page's "Export CSV", waits for the download and parses the file it saved. */
async function download(page: Page, kind: string): Promise<{ name: string; rows: Row[] }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`export-${kind}`).click()]);
  const rows = parse(readFileSync(await file.path(), "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
  return { name: file.suggestedFilename(), rows };
}

const today = () => new Date().toISOString().slice(0, 10);

describe("CSV exports", () => {
  let order: { orderId: string; number: string };
  let orderTotal = 0;

  test("staff download the products, stock, orders and customers CSVs, each holding this suite's row", async () => {
    // This suite's own data: a product with stock, an order paid for it, a customer.
    const admin = await suite.client(ADMIN);
    const product = await admin.catalog.admin.products.create.mutate({
      title: TITLE,
      status: "active",
      variants: [{ sku: SKU, price: 2300, currency: "EUR" }],
    });
    // Inventory learns the SKU from the catalog's event; then it is stocked.
    await until("the new SKU to be stocked", async () =>
      admin.inventory.admin.adjust.mutate({ sku: SKU, kind: "receive", quantity: 9, reason: "exports suite" }),
    );
    const shopper = await suite.client(SHOPPER);
    await until("the shop to show the new SKU in stock", async () => {
      const shown = await shopper.catalog.products.bySlug.query({ slug: product.slug });
      return (shown.variants.find((v) => v.sku === SKU)?.available ?? 0) >= 1;
    });
    order = await paidOrder(shopper, { sku: SKU, quantity: 1, email: ORDER_EMAIL });
    orderTotal = (await shopper.orders.byId.query({ orderId: order.orderId })).totals.total;
    await createAuthSession({ baseUrl: suite.platform.gatewayUrl }).signUp(CUSTOMER);
    // More products than one export page holds, so the route streams several pages into the file.
    // Drafts: the shop (and the other suites' storefront pages) never shows them.
    const bulk = Array.from(
      { length: BULK },
      (_, i) => `exp-${tag}-${i},Export draft ${i},,draft,EXP-${tag.toUpperCase()}-D${i},1000`,
    );
    const job = await admin.catalog.admin.imports.start.mutate({
      fileName: "exports-suite.csv",
      csv: ["handle,title,description,status,sku,price_eur", ...bulk].join("\n"),
      strict: true,
    });
    await until("the bulk import to finish", async () => {
      const now = await admin.catalog.admin.imports.byId.query({ id: job.id });
      if (now.status === "running") return false;
      expect(now).toMatchObject({ status: "complete", errorCount: 0 });
      return true;
    });

    const page = await suite.newPage("desktop");
    await suite.withFailureShot(page, "downloads", async () => {
      await signInThroughForm(page, ADMIN, "/admin");

      await page.goto("/admin/products");
      await page.getByTestId("export-products").waitFor();
      await page.getByRole("table").first().waitFor();
      await suite.shot(page, "products");
      await expectAxeClean(page, "/admin/products");
      const products = await download(page, "products");
      expect(products.name).toBe(`mercato-products-${today()}.csv`);
      expect(products.rows.filter((r) => r.handle?.startsWith(`exp-${tag}-`))).toHaveLength(BULK);
      expect(products.rows.filter((r) => r.handle === "handle")).toEqual([]);
      expect(products.rows.find((r) => r.sku === SKU)).toMatchObject({
        title: TITLE,
        status: "active",
        price_eur: "2300",
      });

      await page.goto("/admin/inventory");
      await page.getByTestId("export-stock").waitFor();
      await page.getByRole("table").first().waitFor();
      await expectAxeClean(page, "/admin/inventory");
      const stock = await download(page, "stock");
      expect(stock.name).toBe(`mercato-stock-${today()}.csv`);
      // 9 received, 1 paid for: 8 available (the unit is reserved or, once settled, gone from on hand).
      expect(stock.rows.find((r) => r.sku === SKU)).toMatchObject({ available: "8", low_stock: "false" });

      await page.goto("/admin/orders");
      await page.getByTestId("export-orders").waitFor();
      await page.getByRole("table").first().waitFor();
      await expectAxeClean(page, "/admin/orders");
      const orders = await download(page, "orders");
      expect(orders.name).toBe(`mercato-orders-${today()}.csv`);
      const row = orders.rows.find((r) => r.number === order.number);
      expect(row).toMatchObject({
        customer_email: ORDER_EMAIL,
        payment_status: "PAID",
        currency: "EUR",
        item_count: "1",
        subtotal: "2300",
        total: String(orderTotal),
        paid: String(orderTotal),
        refunded: "0",
      });
      expect(row?.placed_at?.slice(0, 10)).toBe(today());

      await page.goto("/admin/customers");
      await page.getByTestId("export-customers").waitFor();
      await page.getByRole("table").first().waitFor();
      await suite.shot(page, "customers");
      await expectAxeClean(page, "/admin/customers");
      const customers = await download(page, "customers");
      expect(customers.name).toBe(`mercato-customers-${today()}.csv`);
      expect(customers.rows.find((r) => r.email === CUSTOMER.email)).toMatchObject({
        name: CUSTOMER.name,
        marketing_consent: "false",
      });
      expect(customers.rows.map((r) => r.email)).not.toContain(ADMIN.email);
    });
  }, 300_000);

  test("the download route refuses a shopper (403 naming the permission) and a signed-out visitor (401)", async () => {
    const page = await suite.newPage("desktop");
    const anonymous = await page.request.get("/admin/exports/customers");
    expect(anonymous.status()).toBe(401);
    await page.goto("/account/sign-in");
    await submitSignIn(page, SHOPPER);
    await page.waitForURL((url) => !url.pathname.startsWith("/account/sign-in"));
    const refused = await page.request.get("/admin/exports/customers");
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('"customers.read"');
    expect((await page.request.get("/admin/exports/nothing")).status()).toBe(404);
  }, 120_000);
});
