// Regions in the admin (#18): the region editor's rules (pure), then, on the whole platform (dev
// launcher, production web build, headless Chromium), an admin edits a region's shipping options
// and tax rates, meets a field error for a bad rate, saves and sees it listed; prices a product in
// GBP; and reads revenue per currency on the dashboard. Desktop and mobile, with axe-core.
import { describe, expect, test } from "bun:test";
import type { RegionRules } from "@mercato/pricing";
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

const UK: RegionRules = {
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
