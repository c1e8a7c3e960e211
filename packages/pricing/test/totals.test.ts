import { describe, expect, test } from "bun:test";
import { computeTotals, discountAmount, type PricingConfig, pricingConfigFromEnv } from "../src/index.ts";

const config: PricingConfig = { shippingFlatRate: 495, freeShippingThreshold: 5000, taxRateBps: 2000 };
const basket = [
  { sku: "A", unitPrice: 1999, quantity: 2 },
  { sku: "B", unitPrice: 550, quantity: 1 },
];

describe("computeTotals", () => {
  test("no discount: flat shipping below the threshold, 20 % tax per line", () => {
    // A: 3998 → tax 799.6 → 800; B: 550 → tax 110. Subtotal 4548 < 5000 → shipping 495.
    expect(computeTotals({ lines: basket, currency: "EUR", discount: null, config })).toEqual({
      currency: "EUR",
      subtotal: 4548,
      discount: 0,
      shipping: 495,
      tax: 910,
      total: 4548 + 495 + 910,
      lines: [
        { sku: "A", lineTotal: 3998, discount: 0, tax: 800 },
        { sku: "B", lineTotal: 550, discount: 0, tax: 110 },
      ],
    });
  });

  test("10 % off: 454.8 → 455, spread 400/55 by largest remainder, tax on discounted lines", () => {
    // A share 399.976 → 399 (+1 leftover) = 400; B share 55.02 → 55. Tax: 3598×0.2 = 719.6 → 720; 495×0.2 = 99.
    const t = computeTotals({ lines: basket, currency: "EUR", discount: { kind: "percent", value: 10 }, config });
    expect(t.subtotal).toBe(4548);
    expect(t.discount).toBe(455);
    expect(t.lines.map((l) => l.discount)).toEqual([400, 55]);
    expect(t.lines.map((l) => l.tax)).toEqual([720, 99]);
    expect(t.tax).toBe(819);
    expect(t.shipping).toBe(495);
    expect(t.total).toBe(4548 - 455 + 495 + 819);
  });

  test("per-line tax rounds half-even both ways (5 %: 12.5 → 12, 7.5 → 8)", () => {
    const t = computeTotals({
      lines: [
        { sku: "X", unitPrice: 250, quantity: 1 },
        { sku: "Y", unitPrice: 150, quantity: 1 },
      ],
      currency: "EUR",
      discount: null,
      config: { ...config, taxRateBps: 500 },
    });
    expect(t.lines.map((l) => l.tax)).toEqual([12, 8]);
    expect(t.tax).toBe(20);
    expect(t.total).toBe(400 + 495 + 20);
  });

  test("percent discounts round half-even: 10 % of 25 → 2, of 35 → 4", () => {
    expect(discountAmount(25, { kind: "percent", value: 10 })).toBe(2);
    expect(discountAmount(35, { kind: "percent", value: 10 })).toBe(4);
    expect(discountAmount(35, { kind: "percent", value: 100 })).toBe(35);
  });

  test("a fixed discount never exceeds the subtotal", () => {
    const t = computeTotals({
      lines: [
        { sku: "X", unitPrice: 250, quantity: 1 },
        { sku: "Y", unitPrice: 150, quantity: 1 },
      ],
      currency: "EUR",
      discount: { kind: "fixed", value: 10_000 },
      config,
    });
    expect(t.discount).toBe(400);
    expect(t.lines.map((l) => l.discount)).toEqual([250, 150]);
    expect(t.tax).toBe(0);
    expect(t.total).toBe(495);
  });

  test("free shipping is judged on the discounted subtotal, threshold inclusive", () => {
    const lines = [{ sku: "Z", unitPrice: 2600, quantity: 2 }]; // 5200
    expect(computeTotals({ lines, currency: "EUR", discount: null, config }).shipping).toBe(0);
    // 5200 − 10 % = 4680 < 5000
    expect(computeTotals({ lines, currency: "EUR", discount: { kind: "percent", value: 10 }, config }).shipping).toBe(
      495,
    );
    // 5200 − 200 = 5000, exactly the threshold
    expect(computeTotals({ lines, currency: "EUR", discount: { kind: "fixed", value: 200 }, config }).shipping).toBe(0);
  });

  test("an empty basket costs nothing, not even shipping", () => {
    expect(computeTotals({ lines: [], currency: "USD", discount: { kind: "fixed", value: 100 }, config })).toEqual({
      currency: "USD",
      subtotal: 0,
      discount: 0,
      shipping: 0,
      tax: 0,
      total: 0,
      lines: [],
    });
  });

  test("line discounts and taxes always add up to the totals", () => {
    const lines = [
      { sku: "a", unitPrice: 333, quantity: 3 },
      { sku: "b", unitPrice: 1, quantity: 7 },
      { sku: "c", unitPrice: 1234, quantity: 1 },
    ];
    for (const value of [1, 3, 7, 33, 99, 100]) {
      const t = computeTotals({ lines, currency: "EUR", discount: { kind: "percent", value }, config });
      expect(t.lines.reduce((a, l) => a + l.discount, 0)).toBe(t.discount);
      expect(t.lines.reduce((a, l) => a + l.tax, 0)).toBe(t.tax);
      expect(t.total).toBe(t.subtotal - t.discount + t.shipping + t.tax);
    }
  });

  test("refuses fractional prices and non-positive quantities", () => {
    const bad = (unitPrice: number, quantity: number) => () =>
      computeTotals({ lines: [{ sku: "Q", unitPrice, quantity }], currency: "EUR", discount: null, config });
    expect(bad(9.99, 1)).toThrow("Q unitPrice");
    expect(bad(999, 0)).toThrow("Q quantity");
  });
});

describe("pricingConfigFromEnv", () => {
  test("defaults: 4.95 flat shipping, free from 50.00, 20 % tax", () => {
    expect(pricingConfigFromEnv({})).toEqual({ shippingFlatRate: 495, freeShippingThreshold: 5000, taxRateBps: 2000 });
  });

  test("reads strings from the environment", () => {
    expect(
      pricingConfigFromEnv({ SHIPPING_FLAT_RATE: "0", FREE_SHIPPING_THRESHOLD: "10000", TAX_RATE_BPS: "700" }),
    ).toEqual({ shippingFlatRate: 0, freeShippingThreshold: 10_000, taxRateBps: 700 });
  });

  test("a malformed value names the variable", () => {
    expect(() => pricingConfigFromEnv({ TAX_RATE_BPS: "twenty" })).toThrow("TAX_RATE_BPS");
    expect(() => pricingConfigFromEnv({ SHIPPING_FLAT_RATE: "4.95" })).toThrow("SHIPPING_FLAT_RATE");
  });
});
