// Price lists (#27): the admin editor's rules (pure), then on the shared platform (dev launcher,
// production web build, headless Chromium) an admin schedules a sale at /admin/price-lists and
// the storefront's product page shows the sale price with the regular price struck through.
// Desktop and mobile, with axe-core; screenshots under test-artifacts/price-lists/.
import { describe, expect, test } from "bun:test";
import type { PriceList } from "@mercato/catalog/contract";
import { draftOfPriceList, emptyPriceList, fieldOfRefusal, toPriceListInput } from "../lib/admin/price-list-draft.ts";
import { seriousViolations } from "./axe.ts";
import { ADMIN, browserSuite, signInThroughForm } from "./browser-suite.ts";

const SUITE = "price-lists";

describe("price list editor rules (pure)", () => {
  test("a saved list comes back unchanged through the editor", () => {
    const list: PriceList = {
      id: "0190a0a0-0000-7000-8000-000000000000",
      name: "Winter sale",
      kind: "sale",
      startsAt: new Date("2026-12-01T08:00:00Z"),
      endsAt: new Date("2026-12-08T08:00:00Z"),
      groupId: null,
      prices: [{ sku: "LAMP-1", currency: "EUR", amount: 1250 }],
      percentOffBps: null,
      targets: [],
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const draft = draftOfPriceList(list);
    expect(draft).toMatchObject({ startsAt: "2026-12-01T08:00", prices: "LAMP-1 EUR 12.50", mode: "prices" });
    const checked = toPriceListInput(draft);
    expect(checked).toEqual({
      ok: true,
      input: {
        id: list.id,
        name: "Winter sale",
        kind: "sale",
        startsAt: list.startsAt,
        endsAt: list.endsAt,
        groupId: null,
        prices: list.prices,
        percentOffBps: null,
        targets: [],
      },
    });
  });

  test("a percentage off a selection; typing problems keyed by the form's fields", () => {
    const percent = toPriceListInput({
      ...emptyPriceList(),
      name: "Wholesale",
      kind: "group",
      groupId: "wholesale",
      mode: "percent",
      percent: "12.5",
      targets: "category c-1\nproduct p-2",
    });
    expect(percent.ok && percent.input).toMatchObject({
      percentOffBps: 1250,
      targets: [
        { kind: "category", id: "c-1" },
        { kind: "product", id: "p-2" },
      ],
      prices: [],
    });
    const bad = toPriceListInput({ ...emptyPriceList(), startsAt: "soon", prices: "LAMP-1 XYZ 1" });
    expect(bad.ok ? null : Object.keys(bad.errors).sort()).toEqual(["prices", "startsAt"]);
    expect(fieldOfRefusal("prices.2.sku")).toBe("prices");
    expect(fieldOfRefusal("percentOffBps")).toBe("percent");
  });
});

describe("price lists in the admin and on the storefront", () => {
  const suite = browserSuite(SUITE);
  const unique = crypto.randomUUID().slice(0, 8);
  const TITLE = `Sale Lantern ${unique}`;
  const SKU = `SALE-LANTERN-${unique}`.toUpperCase();
  const LIST = `Lantern week ${unique}`;

  test("an admin schedules a sale; the product page shows it with the regular price struck through", async () => {
    const admin = await suite.client(ADMIN);
    const product = await admin.catalog.admin.products.create.mutate({
      title: TITLE,
      status: "active",
      // Priced in every currency: the browser's locale picks the shopper's region.
      variants: [
        {
          sku: SKU,
          prices: (["EUR", "GBP", "USD"] as const).map((currency) => ({ currency, amount: 5000 })),
        },
      ],
    });
    const problems: string[] = [];
    const page = await suite.newPage("desktop");
    await suite.withFailureShot(page, "desktop", async () => {
      await signInThroughForm(page, ADMIN, "/admin");
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Price lists" }).click();
      await page.getByRole("heading", { name: "Price lists" }).first().waitFor();
      await page.getByLabel("Name", { exact: true }).fill(LIST);
      // A sale needs its end: the catalog's rule, shown on the field before anything is saved.
      const start = new Date(Date.now() - 60_000).toISOString().slice(0, 16);
      await page.getByLabel("Starts (UTC)").fill(start);
      await page.getByLabel("Variant prices").fill(["EUR", "GBP", "USD"].map((c) => `${SKU} ${c} 35.00`).join("\n"));
      await page.getByRole("button", { name: "Create price list" }).click();
      await page
        .getByRole("alert")
        .filter({ hasText: /start and an end|endsAt/ })
        .first()
        .waitFor();
      await page.getByLabel("Ends (UTC)").fill(new Date(Date.now() + 3_600_000).toISOString().slice(0, 16));
      await page.getByRole("button", { name: "Create price list" }).click();
      const row = page.getByRole("table", { name: "Price lists" }).getByRole("row").filter({ hasText: LIST });
      await row.getByText("Active").waitFor();
      problems.push(...(await seriousViolations(page)).map((v) => `admin: ${v}`));
      await suite.shot(page, "admin-price-lists");

      await page.goto(`/p/${product.slug}`);
      const struck = page.locator("s").filter({ hasText: "50.00" });
      await struck.waitFor();
      await page.getByText("35.00").first().waitFor();
      problems.push(...(await seriousViolations(page)).map((v) => `product page: ${v}`));
      await suite.shot(page, "product-on-sale");
    });
    expect(problems).toEqual([]);

    const mobile = await suite.newPage("mobile");
    await suite.withFailureShot(mobile, "mobile", async () => {
      await signInThroughForm(mobile, ADMIN, "/admin/price-lists");
      await mobile.getByRole("table", { name: "Price lists" }).getByText(LIST).waitFor();
      expect(await seriousViolations(mobile)).toEqual([]);
      await suite.shot(mobile, "admin-price-lists-mobile");
      await mobile.goto(`/p/${product.slug}`);
      await mobile.locator("s").filter({ hasText: "50.00" }).waitFor();
      expect(await seriousViolations(mobile)).toEqual([]);
      await suite.shot(mobile, "product-on-sale-mobile");
    });

    // This suite's own list, removed so no other suite meets it.
    const mine = (await admin.catalog.admin.priceLists.list.query()).find((l) => l.name === LIST);
    if (mine) await admin.catalog.admin.priceLists.delete.mutate({ id: mine.id });
  }, 240_000);
});
