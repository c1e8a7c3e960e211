// The analytics page end to end (#23), on the whole platform (dev launcher, production web build,
// headless Chromium): the admin opens /admin/analytics, a shopper pays an order through the typed
// client and today's tiles change without a reload (SSE); a table's CSV export downloads and
// parses; axe-core finds nothing serious; on a desktop and on a phone.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { REPORT_TABLES } from "@mercato/analytics/contract";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import {
  ADMIN,
  browserSuite,
  emptyCartInEurope,
  LISBON_ADDRESS,
  payOrder,
  SHOPPER,
  signInThroughForm,
  until,
} from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "analytics";
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe("the analytics page", () => {
  const suite = browserSuite(SUITE);
  const { withFailureShot } = suite;

  async function adminPage(options: typeof DESKTOP | typeof PHONE): Promise<Page> {
    const page = await suite.newPage(options.viewport.width < 600 ? "mobile" : "desktop", {
      ...options,
      acceptDownloads: true,
    });
    await signInThroughForm(page, ADMIN, "/admin/analytics");
    await page.getByRole("heading", { name: "Analytics", level: 1 }).waitFor();
    await page.getByTestId("today-state").getByText("● live").waitFor({ timeout: 30_000 });
    await page.getByTestId("total-revenue").waitFor({ timeout: 30_000 });
    return page;
  }

  /** The demo shopper buys one unit of a demo product in EUR and pays with the test card. */
  async function shopperPaysAnOrder(): Promise<{ total: number }> {
    const shopper = await suite.client(SHOPPER);
    const page = await shopper.catalog.products.list.query({ limit: 12, inStock: true });
    // Goods: a gift card (#27) wants a recipient in the cart.
    const goods = page.items.filter((p) => p.kind !== "gift_card");
    const sku = goods.flatMap((p) => p.variants.map((v: { sku: string }) => v.sku))[0];
    if (!sku) throw new Error("no demo product in stock");
    // The shared platform's other suites leave this shopper's cart in other regions (GBP).
    await emptyCartInEurope(shopper);
    await shopper.cart.addItem.mutate({ sku, quantity: 1 });
    const placed = await shopper.orders.checkout.mutate({
      email: SHOPPER.email,
      shippingAddress: { ...LISBON_ADDRESS },
      idempotencyKey: crypto.randomUUID(),
    });
    await payOrder(shopper, placed.orderId);
    const paid = await shopper.orders.byId.query({ orderId: placed.orderId });
    return { total: paid.totals.total };
  }

  test("desktop: today's tiles update live when an order is paid; a CSV export downloads and parses; axe finds nothing serious", async () => {
    const page = await adminPage(DESKTOP);
    await withFailureShot(page, "desktop", async () => {
      const before = Number(await page.getByTestId("today-orders").textContent());
      const { total } = await shopperPaysAnOrder();
      // No reload: the SSE stream sends the new tiles.
      await until(
        "the tile to count the paid order",
        async () => Number(await page.getByTestId("today-orders").textContent()) === before + 1,
      );
      expect(await page.getByTestId("today-revenue").textContent()).not.toBe("…");
      await page.getByTestId("table-topProducts").getByRole("table").waitFor({ timeout: 30_000 });
      await shot(page, SUITE, "desktop");

      // Every table the report has is on the page, with its export.
      for (const table of REPORT_TABLES) expect(await page.getByTestId(`export-${table}`).count()).toBe(1);

      // Sorting: the per-day table by revenue, highest first.
      const perDay = page.getByTestId("table-byDay");
      await perDay.getByRole("button", { name: /Revenue/ }).click();
      expect(await perDay.locator("th[aria-sort=descending]").textContent()).toContain("Revenue");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-byDay").click()]);
      expect(download.suggestedFilename()).toMatch(/^per-day_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_EUR\.csv$/);
      const path = await download.path();
      const rows = parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Record<
        string,
        string
      >[];
      expect(Object.keys(rows[0] ?? {})).toEqual(["Day", "Orders", "Revenue", "Units", "Refunded"]);
      expect(rows.length).toBe(30);
      // Sorted as shown: the first row is the day with the most revenue, today (the only sales are today's).
      const today = new Date().toISOString().slice(0, 10);
      const todayRow = rows.find((r) => r.Day === today);
      expect(todayRow).toBeDefined();
      expect(Number(todayRow?.Orders)).toBe(before + 1);
      expect(Number(todayRow?.Revenue)).toBeGreaterThanOrEqual(total);
      expect(rows[0]?.Day).toBe(today);

      // A product's title may hold commas or quotes: the export quotes it, and parses back whole.
      const [products] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("export-topProducts").click(),
      ]);
      const productRows = parse(readFileSync(await products.path(), "utf8"), { columns: true }) as Record<
        string,
        string
      >[];
      expect(productRows.length).toBeGreaterThan(0);
      const shown = await page.getByTestId("table-topProducts").locator("tbody tr").count();
      expect(productRows.length).toBe(shown);
      for (const r of productRows) expect(Number.isInteger(Number(r.Revenue))).toBe(true);

      expect(await seriousViolations(page)).toEqual([]);
    });
  }, 180_000);

  test("phone: the page fits and passes axe", async () => {
    const page = await adminPage(PHONE);
    await withFailureShot(page, "phone", async () => {
      await page.getByTestId("funnel").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await shot(page, SUITE, "phone");
      expect(await seriousViolations(page)).toEqual([]);
    });
  }, 120_000);
});
