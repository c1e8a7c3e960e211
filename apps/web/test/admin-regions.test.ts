// Regions in the admin (#18): the region editor's rules (pure), then, on the whole platform (dev
// launcher, production web build, headless Chromium), an admin edits a region's shipping options
// and tax rates, meets a field error for a bad rate, saves and sees it listed; prices a product in
// GBP; and reads revenue per currency on the dashboard. Desktop and mobile, with axe-core.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { Region } from "@mercato/catalog/contract";
import { createMercatoClient, type MercatoClient } from "@mercato/client";
import type { Page } from "playwright-core";
import { draftOfCode, emptyCode, toCodeRule } from "../lib/admin/discount-draft.ts";
import { bpsToPercent, percentToBps } from "../lib/admin/money.ts";
import {
  countriesError,
  draftOfRegion,
  emptyOption,
  emptyRate,
  emptyRegion,
  optionId,
  parseCountries,
  toRegionInput,
} from "../lib/admin/region-draft.ts";
import { seriousViolations } from "./axe.ts";
import { ADMIN, browserSuite, payOrder, SHOPPER, signInThroughForm, until } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const UK: Region = {
  id: "uk",
  name: "United Kingdom",
  currency: "GBP",
  countries: ["GB"],
  defaultCountry: "GB",
  taxInclusive: true,
  taxProvider: "rates",
  paymentProviders: ["stripe", "test"],
  shippingOptions: [
    {
      id: "uk-standard",
      name: "Standard",
      speed: "standard",
      rule: { kind: "free_above", amount: 399, threshold: 4000 },
      minDays: 2,
      maxDays: 4,
      taxClass: "standard",
      active: true,
    },
    {
      id: "uk-heavy",
      name: "Heavy goods",
      speed: "standard",
      rule: {
        kind: "weight",
        tiers: [
          { upToGrams: 500, amount: 599 },
          { upToGrams: null, amount: 1499 },
        ],
      },
      minDays: 3,
      maxDays: 7,
      taxClass: "zero",
      active: false,
    },
  ],
  taxRates: [
    { country: "GB", subdivision: null, taxClass: "standard", rateBps: 2000, name: "VAT 20%" },
    { country: "GB", subdivision: null, taxClass: "reduced", rateBps: 0, name: "VAT 0%" },
  ],
  isDefault: false,
};

describe("region editor rules (pure)", () => {
  test("percents with two decimals are basis points and back", () => {
    expect(percentToBps("20")).toBe(2000);
    expect(percentToBps("5.5")).toBe(550);
    expect(percentToBps("7,25 %")).toBe(725);
    expect(percentToBps("25.5%")).toBe(2550);
    expect(percentToBps("7.255")).toBeNull();
    expect(percentToBps("-1")).toBeNull();
    expect(percentToBps("")).toBeNull();
    expect([2000, 550, 725, 0, 505, 1000].map(bpsToPercent)).toEqual(["20", "5.5", "7.25", "0", "5.05", "10"]);
  });

  test("a saved region comes back unchanged through the editor", () => {
    const draft = draftOfRegion(UK);
    expect(draft.taxRates[0]?.rate).toBe("20");
    expect(draft.shippingOptions[0]).toMatchObject({ kind: "free_above", amount: "3.99", threshold: "40.00" });
    expect(draft.shippingOptions[1]?.tiers).toEqual([
      { upToGrams: "500", amount: "5.99" },
      { upToGrams: "", amount: "14.99" },
    ]);
    const checked = toRegionInput(draft);
    expect(checked.ok && checked.input).toEqual(UK);
  });

  test("typed country codes are upper-cased, deduplicated and checked with pricing's rule", () => {
    expect(parseCountries("se, no dk;fi  se")).toEqual({ codes: ["SE", "NO", "DK", "FI"], invalid: [] });
    expect(parseCountries("de, Deutschland x1")).toEqual({ codes: ["DE"], invalid: ["Deutschland", "x1"] });
  });

  test("a new option gets an id from the region and its name, unique in the region", () => {
    expect(optionId("uk", "Next day", new Set())).toBe("uk-next-day");
    expect(optionId("uk", "Express", new Set(["uk-express"]))).toBe("uk-express-2");
    expect(optionId("Nordics", "", new Set())).toBe("nordics-option");
  });

  test("each problem is keyed like the catalog's issue paths", () => {
    const draft = draftOfRegion(UK);
    draft.name = " ";
    draft.shippingOptions.push({
      ...emptyOption(),
      name: "Next day",
      kind: "free_above",
      amount: "9.99",
      threshold: "lots",
      minDays: "2",
      maxDays: "1",
    });
    draft.shippingOptions[1]!.tiers = [
      { upToGrams: "", amount: "5.99" },
      { upToGrams: "2000", amount: "x" },
    ];
    draft.taxRates.push({ ...emptyRate("GB"), rate: "200", name: "VAT 200%" });
    draft.taxRates.push({ ...emptyRate("GB"), rate: "5.555", name: "" });
    const checked = toRegionInput(draft);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toMatchObject({
      name: expect.any(String),
      "shippingOptions.1.rule.tiers.0.upToGrams": "only the last tier may be open-ended",
      "shippingOptions.1.rule.tiers.1.amount": "an amount like 5.99",
      "shippingOptions.2.rule.threshold": "an amount like 50.00",
      "shippingOptions.2.maxDays": "at least the minimum",
      // 200 % is a percent, but above the contract's bound on basis points.
      "taxRates.2.rateBps": expect.any(String),
      "taxRates.3.rateBps": "a percent like 20 or 5.5 (two decimals at most)",
      "taxRates.3.name": expect.any(String),
    });
  });

  test("a new region: no id sent, new options named after it, countries and default checked", () => {
    const draft = emptyRegion();
    draft.name = "Nordics";
    draft.countries = ["SE", "NO"];
    draft.defaultCountry = "SE";
    draft.shippingOptions = [{ ...emptyOption(), name: "Standard", amount: "4.95", minDays: "2", maxDays: "5" }];
    draft.taxRates = [{ ...emptyRate("SE"), rate: "25", name: "VAT 25%" }];
    const checked = toRegionInput(draft);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect("id" in checked.input).toBe(false);
    expect(checked.input.shippingOptions[0]).toMatchObject({
      id: "nordics-standard",
      rule: { kind: "flat", amount: 495 },
    });
    expect(checked.input.taxRates[0]).toEqual({
      country: "SE",
      subdivision: null,
      taxClass: "standard",
      rateBps: 2500,
      name: "VAT 25%",
    });

    const empty = toRegionInput({ ...draft, countries: [], defaultCountry: "SE" });
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.errors.defaultCountry).toBe("one of the region's countries");
    expect(countriesError(empty.errors)).toBeTruthy();
    expect(countriesError({ "countries.2": "a two-letter ISO 3166-1 country code" })).toBe(
      "a two-letter ISO 3166-1 country code (entry 3)",
    );
  });
});

describe("discount codes per currency (pure)", () => {
  test("a fixed amount carries its currency; a percent code none", () => {
    const fixed = toCodeRule({ ...emptyCode(), code: "TENOFF", kind: "fixed", value: "10", currency: "GBP" });
    expect(fixed.ok && fixed.rule).toMatchObject({ kind: "fixed", value: 1000, currency: "GBP" });
    const percent = toCodeRule({ ...emptyCode(), code: "TEN", kind: "percent", value: "10", currency: "GBP" });
    expect(percent.ok && percent.rule).toMatchObject({ kind: "percent", value: 10, currency: null });
    if (fixed.ok) expect(draftOfCode(fixed.rule)).toMatchObject({ kind: "fixed", value: "10.00", currency: "GBP" });
  });
});

// ── In the browser ──────────────────────────────────────────────────────────────────────────

const SUITE = "admin-regions";
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };

describe("regions in the admin panel", () => {
  const suite = browserSuite(SUITE);
  const { withFailureShot } = suite;

  async function adminPage(viewport: { width: number; height: number }): Promise<Page> {
    const page = await suite.newPage("desktop", { viewport });
    await signInThroughForm(page, ADMIN, "/admin");
    return page;
  }

  const shopperClient = () => suite.client(SHOPPER);

  /** A full-page shot, and one of the viewport from the top. */
  async function shots(page: Page, name: string) {
    await shot(page, SUITE, name);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(import.meta.dir, "../test-artifacts", SUITE, `${name}-viewport.png`) });
  }

  /** A paid order in the region's currency, bought by the demo shopper through the typed client. */
  async function paidOrder(shopper: MercatoClient, regionId: string, sku: string, address: Record<string, string>) {
    await shopper.cart.clear.mutate({}).catch(() => undefined);
    await shopper.cart.setRegion.mutate({ regionId });
    await shopper.cart.addItem.mutate({ sku, quantity: 1 });
    const placed = await shopper.orders.checkout.mutate({
      email: SHOPPER.email,
      shippingAddress: { name: "Sam Shopper", line1: "1 High Street", ...address } as never,
      idempotencyKey: crypto.randomUUID(),
    });
    await payOrder(shopper, placed.orderId);
    return placed;
  }

  test("an admin edits the UK region, prices a product in GBP and reads revenue per currency", async () => {
    const page = await adminPage(DESKTOP);
    const problems: string[] = [];
    await withFailureShot(page, "desktop", async () => {
      // The list: the three demo regions with their currency and options.
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Regions" }).click();
      const table = page.getByRole("table", { name: "Regions" });
      await table.getByRole("link", { name: "United Kingdom", exact: true }).waitFor();
      await table.getByRole("link", { name: "United States", exact: true }).waitFor();
      expect(await page.getByTestId("options-uk").textContent()).toBe("2");
      problems.push(...(await seriousViolations(page)).map((v) => `regions: ${v}`));

      // The default region cannot be deleted: the catalog says why, on the page.
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Delete Europe" }).click();
      await page.getByRole("alert").filter({ hasText: "Europe was not deleted" }).waitFor();
      await shots(page, "regions");

      // Edit the UK: a next-day option and a zero rate.
      await table.getByRole("link", { name: "United Kingdom", exact: true }).click();
      await page.getByRole("heading", { name: "United Kingdom" }).waitFor();
      await page.getByRole("button", { name: "Add shipping option" }).click();
      await page.locator("#option-2-name").fill("Next day");
      await page.locator("#option-2-speed").selectOption("express");
      await page.locator("#option-2-amount").fill("14.99");
      await page.locator("#option-2-minDays").fill("1");
      await page.locator("#option-2-maxDays").fill("1");
      await page.getByRole("button", { name: "Add tax rate" }).click();
      await page.locator("#rate-2-taxClass").selectOption("zero");
      await page.locator("#rate-2-name").fill("VAT 0% (zero-rated)");

      // A rate with three decimals is refused beside its input, before anything is sent.
      await page.locator("#rate-2-rate").fill("12.345");
      await page.getByRole("button", { name: "Save region" }).click();
      await page.locator("#rate-2-rate-error").waitFor();
      expect(await page.locator("#rate-2-rate").getAttribute("aria-invalid")).toBe("true");
      await shots(page, "region-bad-rate");

      // A rate for a country outside the region: the catalog refuses it, naming the field.
      await page.locator("#rate-2-rate").fill("0");
      await page.locator("#rate-2-country").fill("FR");
      const refused = page.waitForResponse((r) => r.url().includes("catalog.admin.regions.save"));
      await page.getByRole("button", { name: "Save region" }).click();
      expect((await refused).ok()).toBe(false);
      await page.locator("#rate-2-country-error").waitFor();
      await shots(page, "region-refused");

      await page.locator("#rate-2-country").fill("GB");
      await page.getByRole("button", { name: "Save region" }).click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      await page.locator("#option-2-name").waitFor();
      expect(await page.locator("#option-2-name").inputValue()).toBe("Next day");
      expect(await page.locator("#rate-2-rate").inputValue()).toBe("0");
      problems.push(...(await seriousViolations(page)).map((v) => `region: ${v}`));
      await shots(page, "region");

      // Listed with its third option; the shop's region rules carry it too.
      await page.goto(`${suite.platform.webUrl}/admin/regions`);
      await until("three UK options", async () => (await page.getByTestId("options-uk").textContent()) === "3");
      const anonymous = createMercatoClient({ baseUrl: suite.platform.gatewayUrl });
      const uk = await anonymous.catalog.regions.byId.query({ id: "uk" });
      expect(uk.shippingOptions.map((o) => o.name)).toContain("Next day");
      expect(uk.taxRates).toContainEqual({
        country: "GB",
        subdivision: null,
        taxClass: "zero",
        rateBps: 0,
        name: "VAT 0% (zero-rated)",
      });

      // A new region, Nordics (EUR): Finland is already Europe's, so the catalog refuses it by name.
      await page.getByRole("link", { name: "New region" }).click();
      await page.getByRole("heading", { name: "New region" }).waitFor();
      await page.locator("#name").fill("Nordics");
      await page.locator("#countries").fill("se, no dk fi");
      await page.locator("#countries").press("Enter");
      expect(await page.getByTestId("countries-chips").textContent()).toContain("FI");
      await page.getByRole("button", { name: "Add shipping option" }).click();
      await page.locator("#option-0-name").fill("Standard");
      await page.locator("#option-0-kind").selectOption("weight");
      await page.locator("#option-0-tier-0-upTo").fill("1000");
      await page.locator("#option-0-tier-0-amount").fill("5.95");
      await page.getByRole("button", { name: "Add tier" }).click();
      await page.locator("#option-0-tier-1-amount").fill("9.95");
      await page.locator("#option-0-minDays").fill("2");
      await page.locator("#option-0-maxDays").fill("5");
      await page.getByRole("button", { name: "Add tax rate" }).click();
      await page.locator("#rate-0-rate").fill("25");
      await page.locator("#rate-0-name").fill("VAT 25%");
      await page.getByRole("button", { name: "Create region" }).click();
      await page.locator("#countries-error").waitFor();
      await shots(page, "region-new-refused");
      await page.getByRole("button", { name: "Remove FI" }).click();
      await page.getByRole("button", { name: "Create region" }).click();
      await page.waitForURL(/\/admin\/regions\/nordics\?created=1/);
      await page.getByRole("heading", { name: "Nordics" }).waitFor();
      await page.goto(`${suite.platform.webUrl}/admin/regions`);
      await table.getByRole("link", { name: "Nordics", exact: true }).waitFor();
      expect(await page.getByTestId("options-nordics").textContent()).toBe("1");
      // And deleted again: any region but the default may go.
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Delete Nordics" }).click();
      await table.getByRole("link", { name: "Nordics", exact: true }).waitFor({ state: "detached" });

      // A product's GBP price, edited in the product editor.
      // The newest product whose first variant can be bought twice (other suites of the shared
      // platform add products of their own, without stock).
      const listed = await anonymous.catalog.products.list.query({ currency: "GBP", limit: 48, sort: "newest" });
      let found: (typeof listed.items)[number] | undefined;
      // Goods only: a gift card (#27) wants a recipient in the cart.
      for (const item of listed.items.filter((p) => p.kind !== "gift_card")) {
        const detail = await anonymous.catalog.products.bySlug.query({ slug: item.slug, currency: "GBP" });
        if ((detail.variants[0]?.available ?? 0) >= 2) {
          found = item;
          break;
        }
      }
      if (!found) throw new Error("no product in the newest 48 has two units of its first variant");
      const product = found;
      await page.goto(`${suite.platform.webUrl}/admin/products/${product.id}`);
      const gbp = page.locator("#variant-0-GBP-amount");
      await gbp.waitFor();
      await gbp.fill("42.42");
      await page.locator("#variant-0-GBP-compare").fill("49.00");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      problems.push(...(await seriousViolations(page)).map((v) => `product: ${v}`));
      await shots(page, "product-prices");
      const priced = await until("the new GBP price in the shop", async () => {
        const p = await anonymous.catalog.products.bySlug.query({ slug: product.slug, currency: "GBP" });
        return p.variants[0]?.price === 4242 ? p : null;
      });
      expect(priced.variants[0]?.prices).toContainEqual({ currency: "GBP", amount: 4242, compareAtAmount: 4900 });

      // Revenue per currency: a paid order in EUR and one in GBP.
      const shopper = await shopperClient();
      const sku = priced.variants[0]!.sku;
      await paidOrder(shopper, "eu", sku, { city: "Lisbon", postalCode: "1000-001", country: "PT" });
      const gbpOrder = await paidOrder(shopper, "uk", sku, { city: "London", postalCode: "SW1A 1AA", country: "GB" });
      await page.goto(`${suite.platform.webUrl}/admin`);
      await page.getByTestId("revenue-today-EUR").waitFor({ timeout: 30_000 });
      await until("GBP revenue on the dashboard", async () => {
        await page.goto(`${suite.platform.webUrl}/admin`);
        const text = await page.getByTestId("revenue-today-GBP").textContent({ timeout: 10_000 });
        return text?.includes("£") ?? false;
      });
      await page.getByTestId("revenue-GBP").waitFor();
      await page.getByTestId("revenue-EUR").waitFor();
      problems.push(...(await seriousViolations(page)).map((v) => `dashboard: ${v}`));
      await shots(page, "dashboard");

      // The GBP order in the admin: pounds, its tax lines and its shipping method.
      await page.goto(`${suite.platform.webUrl}/admin/orders/${gbpOrder.orderId}`);
      await page.getByTestId("shipping-method").waitFor();
      expect(await page.getByTestId("tax-line").first().textContent()).toContain("£");
      problems.push(...(await seriousViolations(page)).map((v) => `order: ${v}`));
      await shots(page, "order-gbp");

      // Discount codes: a fixed amount asks for its currency.
      await page.goto(`${suite.platform.webUrl}/admin/discounts`);
      await page.locator("#kind").selectOption("fixed");
      await page.locator("#currency").selectOption("GBP");
      problems.push(...(await seriousViolations(page)).map((v) => `discounts: ${v}`));
      await shots(page, "discounts");
    });
    expect(problems).toEqual([]);
  }, 300_000);

  test("the region pages on a phone", async () => {
    const page = await adminPage(MOBILE);
    const problems: string[] = [];
    await withFailureShot(page, "mobile", async () => {
      for (const [name, path, ready] of [
        ["mobile-dashboard", "/admin", "Dashboard"],
        ["mobile-regions", "/admin/regions", "Regions"],
        ["mobile-region", "/admin/regions/us", "United States"],
        ["mobile-region-new", "/admin/regions/new", "New region"],
      ] as const) {
        await page.goto(`${suite.platform.webUrl}${path}`);
        await page.getByRole("heading", { name: ready, exact: true }).waitFor();
        await until(
          `${path} to finish loading`,
          async () => (await page.getByRole("status").filter({ hasText: "Loading" }).count()) === 0,
        );
        problems.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
        await shots(page, name);
      }
      // The menu opens the navigation, Regions included.
      await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Regions" }).waitFor();
      await shots(page, "mobile-menu");
    });
    expect(problems).toEqual([]);
  }, 180_000);
});
