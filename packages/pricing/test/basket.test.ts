/** Worked examples of priceBasket on the demo regions, each figure checked by hand in a comment. */
import { describe, expect, test } from "bun:test";
import {
  type BasketInput,
  type BasketLine,
  PricingError,
  priceBasket,
  priceBasketWithRates,
  type RegionRules,
  regionRulesSchema,
  shippingQuotes,
  type TaxProvider,
  TaxProviderError,
} from "../src/index.ts";

const eu: RegionRules = regionRulesSchema.parse({
  id: "eu",
  name: "Europe",
  currency: "EUR",
  countries: ["FR", "DE"],
  defaultCountry: "FR",
  taxInclusive: true,
  paymentProviders: ["stripe", "test"],
  shippingOptions: [
    {
      id: "eu-standard",
      name: "Standard",
      speed: "standard",
      rule: { kind: "free_above", amount: 495, threshold: 5000 },
      minDays: 3,
      maxDays: 5,
    },
    {
      id: "eu-express",
      name: "Express",
      speed: "express",
      rule: { kind: "flat", amount: 1290 },
      minDays: 1,
      maxDays: 2,
    },
  ],
  taxRates: [
    { country: "FR", taxClass: "standard", rateBps: 2000, name: "VAT 20%" },
    { country: "FR", taxClass: "reduced", rateBps: 550, name: "VAT 5.5%" },
    { country: "DE", taxClass: "standard", rateBps: 1900, name: "VAT 19%" },
    { country: "DE", taxClass: "reduced", rateBps: 700, name: "VAT 7%" },
  ],
});

const us: RegionRules = regionRulesSchema.parse({
  id: "us",
  name: "United States",
  currency: "USD",
  countries: ["US"],
  defaultCountry: "US",
  taxInclusive: false,
  paymentProviders: ["test"],
  shippingOptions: [
    {
      id: "us-standard",
      name: "Standard",
      speed: "standard",
      // Saved out of order on purpose: tiers are read by their bound.
      rule: {
        kind: "weight",
        tiers: [
          { upToGrams: 2000, amount: 899 },
          { upToGrams: null, amount: 1499 },
          { upToGrams: 500, amount: 599 },
        ],
      },
      minDays: 3,
      maxDays: 7,
      taxClass: "zero",
    },
    {
      id: "us-express",
      name: "Express",
      speed: "express",
      rule: { kind: "flat", amount: 2499 },
      minDays: 1,
      maxDays: 2,
      taxClass: "zero",
    },
  ],
  taxRates: [
    { country: "US", subdivision: "CA", taxClass: "standard", rateBps: 725, name: "CA sales tax 7.25%" },
    { country: "US", subdivision: "NY", taxClass: "standard", rateBps: 400, name: "NY sales tax 4%" },
  ],
});

const line = (over: Partial<BasketLine> = {}): BasketLine => ({
  sku: "SKU",
  unitPrice: 1000,
  quantity: 1,
  taxClass: "standard",
  weightGrams: 100,
  ...over,
});
const input = (over: Partial<BasketInput>): BasketInput => ({
  lines: [line()],
  region: eu,
  address: null,
  shippingOptionId: null,
  discount: null,
  ...over,
});

describe("priceBasket examples", () => {
  test("a French book at 5.5 % inclusive, with standard shipping taxed at 20 %", () => {
    const t = priceBasketWithRates(
      input({
        lines: [line({ sku: "BOOK", unitPrice: 1990, taxClass: "reduced", weightGrams: 400 })],
        address: { country: "FR" },
      }),
    );
    // Book: 1990 × 550 / 10550 = 103.74 → 104 inside. Shipping 495 (below 5000): 495 × 2000 / 12000 = 82.5 → 82 (half-even).
    expect(t).toMatchObject({ currency: "EUR", taxInclusive: true, subtotal: 1990, shipping: 495, tax: 186 });
    expect(t.total).toBe(1990 + 495);
    expect(t.taxLines).toEqual([
      { name: "VAT 5.5%", rateBps: 550, taxable: 1886, amount: 104 },
      { name: "VAT 20%", rateBps: 2000, taxable: 413, amount: 82 },
    ]);
    expect(t.shippingMethod).toEqual({
      optionId: "eu-standard",
      name: "Standard",
      speed: "standard",
      amount: 495,
      tax: 82,
      taxClass: "standard",
      minDays: 3,
      maxDays: 5,
    });
  });

  test("a California order, exclusive at 7.25 %, shipping by weight and not taxed", () => {
    const t = priceBasketWithRates(
      input({
        region: us,
        lines: [line({ sku: "LAMP", unitPrice: 7500, weightGrams: 800 })],
        address: { country: "US", subdivision: "ca" },
      }),
    );
    // 7500 × 7.25 % = 543.75 → 544 on top. 800 g → the ≤ 2000 g tier, 899, zero-rated.
    expect(t).toMatchObject({ currency: "USD", taxInclusive: false, subtotal: 7500, shipping: 899, tax: 544 });
    expect(t.total).toBe(7500 + 899 + 544);
    expect(t.taxLines).toEqual([
      { name: "CA sales tax 7.25%", rateBps: 725, taxable: 7500, amount: 544 },
      { name: "Zero-rated", rateBps: 0, taxable: 899, amount: 0 },
    ]);
  });

  test("a US state without a rate pays no tax; the default country is used before an address is known", () => {
    const oregon = priceBasketWithRates(
      input({ region: us, lines: [line({ unitPrice: 7500 })], address: { country: "US", subdivision: "OR" } }),
    );
    expect(oregon.tax).toBe(0);
    expect(oregon.taxLines[0]).toEqual({ name: "No tax", rateBps: 0, taxable: 7500, amount: 0 });
    const unknown = priceBasketWithRates(input({ lines: [line({ unitPrice: 1200 })] }));
    // FR by default: 1200 / 6 = 200 on the line, plus 82 inside the 495 shipping, one VAT 20% line.
    expect(unknown.lines[0]?.tax).toBe(200);
    expect(unknown.taxLines).toEqual([{ name: "VAT 20%", rateBps: 2000, taxable: 1000 + 413, amount: 282 }]);
  });

  test("weight tiers: each bound is inclusive, tiers are read in order of their bound, the open tier takes the rest", () => {
    const at = (grams: number) =>
      priceBasketWithRates(input({ region: us, lines: [line({ weightGrams: grams })], address: { country: "US" } }))
        .shipping;
    expect([at(0), at(500), at(501), at(2000), at(2001), at(50_000)]).toEqual([599, 599, 899, 899, 1499, 1499]);
    // Four units of 600 g weigh 2400 g.
    const heavy = priceBasketWithRates(
      input({ region: us, lines: [line({ weightGrams: 600, quantity: 4 })], address: { country: "US" } }),
    );
    expect(heavy.shipping).toBe(1499);
  });

  test("an option whose bounded tiers cannot carry the basket is not offered, and choosing it is refused", () => {
    const bounded: RegionRules = {
      ...us,
      shippingOptions: [
        {
          ...(us.shippingOptions[0] as RegionRules["shippingOptions"][number]),
          rule: { kind: "weight", tiers: [{ upToGrams: 1000, amount: 599 }] },
        },
        us.shippingOptions[1] as RegionRules["shippingOptions"][number],
      ],
    };
    expect(shippingQuotes(bounded, { discountedSubtotal: 1000, weightGrams: 1500 }).map((q) => q.optionId)).toEqual([
      "us-express",
    ]);
    const heavy = input({ region: bounded, lines: [line({ weightGrams: 1500 })], address: { country: "US" } });
    expect(priceBasketWithRates(heavy).shippingMethod?.optionId).toBe("us-express");
    expect(() => priceBasketWithRates({ ...heavy, shippingOptionId: "us-standard" })).toThrow(
      expect.objectContaining({ field: "shippingOptionId" }),
    );
    expect(() => priceBasketWithRates({ ...heavy, shippingOptionId: "eu-express" })).toThrow(PricingError);
  });

  test("free shipping above the threshold counts the subtotal after the discount", () => {
    const basket = input({ lines: [line({ unitPrice: 2600, quantity: 2 })], address: { country: "FR" } });
    expect(priceBasketWithRates(basket).shipping).toBe(0); // 5200 ≥ 5000
    const discounted = priceBasketWithRates({ ...basket, discount: { kind: "percent", value: 10 } });
    expect(discounted.discount).toBe(520);
    expect(discounted.shipping).toBe(495); // 4680 < 5000
    expect(discounted.total).toBe(5200 - 520 + 495);
    const express = priceBasketWithRates({ ...basket, shippingOptionId: "eu-express" });
    expect(express.shippingMethod).toMatchObject({ optionId: "eu-express", speed: "express", amount: 1290, tax: 215 });
  });

  test("a fixed code in another currency is refused naming discount; in the basket's currency it is capped", () => {
    const basket = input({ lines: [line({ unitPrice: 1500 })] });
    expect(() => priceBasketWithRates({ ...basket, discount: { kind: "fixed", value: 500, currency: "GBP" } })).toThrow(
      expect.objectContaining({ name: "PricingError", field: "discount" }),
    );
    const capped = priceBasketWithRates({ ...basket, discount: { kind: "fixed", value: 99_999, currency: "EUR" } });
    expect(capped).toMatchObject({ subtotal: 1500, discount: 1500 });
    expect(capped.lines[0]?.tax).toBe(0);
    expect(capped.total).toBe(capped.shipping);
  });

  test("percent codes out of range and bad quantities are refused naming the field", () => {
    const basket = input({});
    expect(() => priceBasketWithRates({ ...basket, discount: { kind: "percent", value: 150 } })).toThrow(
      expect.objectContaining({ field: "discount" }),
    );
    expect(() => priceBasketWithRates({ ...basket, lines: [line(), line({ quantity: 0 })] })).toThrow(
      expect.objectContaining({ field: "lines.1.quantity" }),
    );
  });

  test("an empty basket costs nothing and ships nothing", () => {
    const t = priceBasketWithRates(input({ lines: [], discount: { kind: "percent", value: 10 } }));
    expect(t).toMatchObject({
      subtotal: 0,
      discount: 0,
      shipping: 0,
      tax: 0,
      total: 0,
      taxLines: [],
      shippingMethod: null,
    });
  });

  test("a provider whose answer would unbalance the totals is refused", async () => {
    const basket = input({ lines: [line({ unitPrice: 1000 })], address: { country: "FR" } });
    const liar = (answer: Awaited<ReturnType<TaxProvider["calculate"]>>): TaxProvider => ({
      name: "liar",
      calculate: async () => answer,
    });
    const ok = { tax: 0, rateBps: 0, name: "None" };
    await expect(priceBasket(basket, liar({ lines: [], shipping: ok }))).rejects.toBeInstanceOf(TaxProviderError);
    await expect(priceBasket(basket, liar({ lines: [{ ...ok, tax: 1001 }], shipping: ok }))).rejects.toBeInstanceOf(
      TaxProviderError,
    );
    await expect(priceBasket(basket, liar({ lines: [{ ...ok, tax: -1 }], shipping: ok }))).rejects.toBeInstanceOf(
      TaxProviderError,
    );
    await expect(priceBasket(basket, liar({ lines: [ok], shipping: null }))).rejects.toBeInstanceOf(TaxProviderError);
    const t = await priceBasket(
      basket,
      liar({ lines: [{ tax: 100, rateBps: 1100, name: "Other VAT 11%" }], shipping: ok }),
    );
    expect(t.taxLines[0]).toEqual({ name: "Other VAT 11%", rateBps: 1100, taxable: 900, amount: 100 });
  });
});

test("only the country, subdivision and postal code reach the tax provider", async () => {
  const seen: unknown[] = [];
  const spy: TaxProvider = {
    name: "spy",
    calculate: async (request) => {
      seen.push(request.address);
      return { lines: request.lines.map(() => ({ tax: 0, rateBps: 0, name: "None" })), shipping: null };
    },
  };
  const shopper = { name: "Ada", line1: "1 Main St", country: "us", subdivision: "ca", postalCode: "90012" };
  await priceBasket(input({ region: { ...us, shippingOptions: [] }, address: shopper }), spy);
  expect(seen).toEqual([{ country: "US", subdivision: "CA", postalCode: "90012" }]);
});
