import { describe, expect, test } from "bun:test";
import { formatMoney, needsSubdivision, type RegionRules } from "@mercato/pricing";
import {
  acceptLanguageCountries,
  chooseRegion,
  deliveryEstimate,
  freeShippingThreshold,
  REGION_COOKIE,
  regionCookie,
  regionLabel,
  shippingQuoteLabel,
  soldIn,
  taxAwaitsAddress,
  taxLineParts,
  taxNote,
  taxSentence,
} from "../lib/shop/region-choice.ts";
import { subdivisionsOf } from "../lib/shop/subdivisions.ts";

// The three demo regions as far as choosing one needs them (the catalog lists the default first).
const regions = [
  {
    id: "eu",
    name: "Europe",
    currency: "EUR",
    countries: ["FR", "DE", "ES", "IT", "NL", "BE", "IE", "AT", "PT", "FI"],
  },
  { id: "uk", name: "United Kingdom", currency: "GBP", countries: ["GB"] },
  { id: "us", name: "United States", currency: "USD", countries: ["US"] },
] as const satisfies readonly Pick<RegionRules, "id" | "name" | "currency" | "countries">[];

describe("which region a shopper shops in", () => {
  test("a picked region (the cookie) wins over everything else", () => {
    expect(chooseRegion(regions, { cookie: "us", addressCountry: "GB", acceptLanguage: "fr-FR" })?.region.id).toBe(
      "us",
    );
  });

  test("a cookie naming a region that no longer exists falls through to the next hint", () => {
    expect(chooseRegion(regions, { cookie: "mars", addressCountry: "GB" })).toMatchObject({
      region: { id: "uk" },
      source: "address",
    });
  });

  test("without a pick, the signed-in shopper's address country decides", () => {
    expect(chooseRegion(regions, { addressCountry: "us", acceptLanguage: "en-GB" })).toMatchObject({
      region: { id: "us" },
      source: "address",
    });
  });

  test("then the browser's languages, in preference order, skipping countries no region sells to", () => {
    expect(chooseRegion(regions, { acceptLanguage: "ja-JP,en-GB;q=0.9,fr-FR;q=0.8" })).toMatchObject({
      region: { id: "uk" },
      source: "language",
    });
    expect(chooseRegion(regions, { acceptLanguage: "fr-FR;q=0.5,en-US;q=0.7" })?.region.id).toBe("us");
  });

  test("else the default region (listed first), also for an address nobody ships to", () => {
    expect(chooseRegion(regions, { addressCountry: "JP", acceptLanguage: "fr" })).toMatchObject({
      region: { id: "eu" },
      source: "default",
    });
    expect(chooseRegion(regions, {}, "uk")?.region.id).toBe("uk");
    expect(chooseRegion([], {})).toBeNull();
  });

  test("Accept-Language: region subtags only, q=0 refused, scripts skipped, malformed entries ignored", () => {
    expect(acceptLanguageCountries("en-GB,en;q=0.9,zh-Hant-TW;q=0.8,de-DE;q=0,fr-FR;q=abc, *")).toEqual(["GB", "TW"]);
    expect(acceptLanguageCountries(null)).toEqual([]);
    expect(acceptLanguageCountries("es-419,es-ES;q=0.5")).toEqual(["ES"]);
  });

  test("the cookie: one year, SameSite Lax, Secure only under https, the id encoded", () => {
    expect(regionCookie("uk", false)).toBe(`${REGION_COOKIE}=uk; Path=/; Max-Age=31536000; SameSite=Lax`);
    expect(regionCookie("uk", true)).toEndWith("; Secure");
    expect(regionCookie("a;b", false)).toStartWith(`${REGION_COOKIE}=a%3Bb;`);
  });
});

describe("the words for regions, tax and shipping", () => {
  test("the picker names a region with its currency's symbol and code", () => {
    expect(regions.map(regionLabel)).toEqual(["Europe · € EUR", "United Kingdom · £ GBP", "United States · $ USD"]);
  });

  test("tax notes and tax lines: included in EU/UK prices, added in the US", () => {
    expect(taxNote(true)).toBe("incl. VAT");
    expect(taxNote(false)).toBe("excl. tax");
    expect(taxLineParts({ name: "VAT 20%", amount: 300 }, true, "EUR")).toEqual({
      label: "VAT 20% included",
      amount: "€3.00",
    });
    // The amount is formatted as every price of the shop is (pricing's formatMoney).
    expect(taxLineParts({ name: "CA sales tax 7.25%", amount: 544 }, false, "USD")).toEqual({
      label: "CA sales tax 7.25%",
      amount: formatMoney(544, "USD"),
    });
  });

  test("the free-shipping threshold is the first active free-above option's; the tax sentence follows the basis", () => {
    const option = (active: boolean, threshold: number) => ({
      id: `o${threshold}`,
      name: "Standard",
      speed: "standard" as const,
      rule: { kind: "free_above" as const, amount: 399, threshold },
      minDays: 2,
      maxDays: 4,
      taxClass: "standard" as const,
      active,
    });
    expect(freeShippingThreshold({ shippingOptions: [option(false, 1000), option(true, 4000)] })).toBe(4000);
    expect(freeShippingThreshold({ shippingOptions: [] })).toBeNull();
    expect(taxSentence({ currency: "USD", taxInclusive: false })).toBe(
      "Prices in USD exclude sales tax, which is shown before you pay.",
    );
  });

  test("a shipping option with its estimate and price", () => {
    expect(shippingQuoteLabel({ name: "Express", amount: 1290, minDays: 1, maxDays: 2 }, "EUR")).toBe(
      "Express · 1–2 working days · €12.90",
    );
    expect(shippingQuoteLabel({ name: "Standard", amount: 0, minDays: 2, maxDays: 4 }, "GBP")).toBe(
      "Standard · 2–4 working days · Free",
    );
    expect(deliveryEstimate(1, 1)).toBe("1 working day");
  });

  test("a variant is sold in a region when its price set has the region's currency", () => {
    const prices = [{ currency: "EUR" }, { currency: "GBP" }];
    expect(soldIn(prices, "GBP")).toBe(true);
    expect(soldIn(prices, "USD")).toBe(false);
  });

  test("the checkout asks for a state where the region's rates depend on one, with a list where known", () => {
    const rates: RegionRules["taxRates"] = [
      { country: "US", subdivision: "CA", taxClass: "standard", rateBps: 725, name: "CA sales tax 7.25%" },
      { country: "GB", subdivision: null, taxClass: "standard", rateBps: 2000, name: "VAT 20%" },
    ];
    expect(needsSubdivision(rates, "US")).toBe(true);
    expect(needsSubdivision(rates, "GB")).toBe(false);
    expect(subdivisionsOf("us")?.find(([code]) => code === "CA")).toEqual(["CA", "California"]);
    expect(subdivisionsOf("US")).toHaveLength(51);
    expect(subdivisionsOf("CA")).toBeNull();
    // Until the state is given, a US cart's tax is not known (not "$0.00").
    expect(taxAwaitsAddress({ taxRates: rates }, { country: "US", subdivision: null })).toBe(true);
    expect(taxAwaitsAddress({ taxRates: rates }, { country: "US", subdivision: "CA" })).toBe(false);
    expect(taxAwaitsAddress({ taxRates: rates }, { country: "GB", subdivision: null })).toBe(false);
  });
});
