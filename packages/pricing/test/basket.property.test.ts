/**
 * Properties of priceBasket over random regions, carts, codes and shipping options (fast-check):
 * the totals add up to the minor unit, discounts and tax lines never lose or create a cent, and
 * pricing is a pure function of its input (so a cart and the order made from it agree).
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  type BasketDiscount,
  type BasketInput,
  type BasketTotals,
  CURRENCIES,
  PricingError,
  priceBasket,
  priceBasketWithRates,
  type RegionRules,
  rateFor,
  rateTableProvider,
  type ShippingOption,
  shippingQuotes,
  TAX_CLASSES,
  type TaxRate,
  taxOn,
} from "../src/index.ts";

const RUNS = 400;

// ── Arbitraries ─────────────────────────────────────────────────────────────────────────────
const COUNTRIES = ["FR", "DE", "US", "GB", "ES", "IT"] as const;
const SUBDIVISIONS = ["CA", "NY", "TX", "WA"] as const;
const rateBps = fc.integer({ min: 0, max: 2700 });
const taxClass = fc.constantFrom(...TAX_CLASSES);

/** Rates of one country: maybe standard, maybe reduced, maybe per subdivision. */
function ratesOf(country: string): fc.Arbitrary<TaxRate[]> {
  return fc
    .record({
      standard: fc.option(rateBps, { nil: null }),
      reduced: fc.option(rateBps, { nil: null }),
      subdivisions: fc.subarray([...SUBDIVISIONS]),
      subdivisionRates: fc.array(rateBps, { minLength: 4, maxLength: 4 }),
    })
    .map(({ standard, reduced, subdivisions, subdivisionRates }) => {
      const out: TaxRate[] = [];
      if (standard !== null)
        out.push({ country, subdivision: null, taxClass: "standard", rateBps: standard, name: `VAT ${standard}` });
      if (reduced !== null)
        out.push({ country, subdivision: null, taxClass: "reduced", rateBps: reduced, name: `VAT ${reduced}` });
      subdivisions.forEach((s, i) => {
        const r = subdivisionRates[i] ?? 0;
        out.push({ country, subdivision: s, taxClass: "standard", rateBps: r, name: `${s} sales tax ${r}` });
      });
      return out;
    });
}

const weightTiers = fc
  .array(fc.record({ upToGrams: fc.integer({ min: 1, max: 60_000 }), amount: fc.integer({ min: 0, max: 5000 }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((bounded) =>
    fc.record({
      open: fc.option(fc.integer({ min: 0, max: 8000 }), { nil: null }),
      // Saved in any order: pricing must not depend on it.
      order: fc.shuffledSubarray(bounded, { minLength: bounded.length, maxLength: bounded.length }),
    }),
  )
  .map(({ open, order }) => (open === null ? order : [...order, { upToGrams: null, amount: open }]));

const shippingRule: fc.Arbitrary<ShippingOption["rule"]> = fc.oneof(
  fc.record({ kind: fc.constant("flat" as const), amount: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({
    kind: fc.constant("free_above" as const),
    amount: fc.integer({ min: 0, max: 5000 }),
    threshold: fc.integer({ min: 0, max: 200_000 }),
  }),
  fc.record({ kind: fc.constant("weight" as const), tiers: weightTiers }),
);

const shippingOptions: fc.Arbitrary<ShippingOption[]> = fc
  .array(
    fc.record({
      name: fc.constantFrom("Standard", "Express", "Pickup point"),
      speed: fc.constantFrom("standard" as const, "express" as const),
      rule: shippingRule,
      minDays: fc.integer({ min: 0, max: 5 }),
      extraDays: fc.integer({ min: 0, max: 5 }),
      taxClass,
      active: fc.boolean(),
    }),
    { minLength: 0, maxLength: 4 },
  )
  .map((opts) => opts.map(({ extraDays, ...o }, i) => ({ ...o, id: `opt-${i}`, maxDays: o.minDays + extraDays })));

const region: fc.Arbitrary<RegionRules> = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    taxInclusive: fc.boolean(),
    countries: fc.subarray([...COUNTRIES], { minLength: 1 }),
    shippingOptions,
  })
  .chain((r) =>
    fc.tuple(...r.countries.map(ratesOf)).map((rates) => ({
      id: "r",
      name: "Region",
      currency: r.currency,
      countries: r.countries,
      defaultCountry: r.countries[0] ?? "FR",
      taxInclusive: r.taxInclusive,
      taxProvider: "rates" as const,
      paymentProviders: ["test" as const],
      shippingOptions: r.shippingOptions,
      taxRates: rates.flat(),
    })),
  );

const lines = fc.array(
  fc.record({
    sku: fc.constantFrom("BOOK", "TEE", "MUG", "CAP", "LAMP"),
    unitPrice: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 999 })),
    quantity: fc.integer({ min: 1, max: 20 }),
    taxClass,
    weightGrams: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3000 })),
  }),
  { minLength: 1, maxLength: 20 },
);

function discountFor(r: RegionRules): fc.Arbitrary<BasketDiscount | null> {
  return fc.oneof(
    fc.constant(null),
    fc.record({ kind: fc.constant("percent" as const), value: fc.integer({ min: 1, max: 100 }) }),
    fc.record({
      kind: fc.constant("fixed" as const),
      value: fc.integer({ min: 1, max: 300_000 }),
      currency: fc.constant(r.currency),
    }),
  );
}

const basket: fc.Arbitrary<BasketInput> = region.chain((r) =>
  fc.record({
    lines,
    region: fc.constant(r),
    address: fc.option(
      fc.record({
        country: fc.constantFrom(...r.countries),
        subdivision: fc.option(fc.constantFrom(...SUBDIVISIONS, "OR"), { nil: null }),
      }),
      { nil: null },
    ),
    shippingOptionId: fc.option(fc.constantFrom(...r.shippingOptions.map((o) => o.id), "missing"), { nil: null }),
    discount: discountFor(r),
  }),
);

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Prices the basket, or answers the PricingError a bad shipping choice must raise. */
function priceOrRefusal(input: BasketInput): BasketTotals | PricingError {
  try {
    return priceBasketWithRates(input);
  } catch (err) {
    if (err instanceof PricingError) return err;
    throw err;
  }
}

/** An independent statement of what an option costs (not pricing's own code): the oracle. */
function expectedShipping(option: ShippingOption, discountedSubtotal: number, weightGrams: number): number | null {
  const rule = option.rule;
  if (rule.kind === "flat") return rule.amount;
  if (rule.kind === "free_above") return discountedSubtotal >= rule.threshold ? 0 : rule.amount;
  const holding = rule.tiers
    .filter((t) => t.upToGrams !== null && weightGrams <= t.upToGrams)
    .sort((a, b) => (a.upToGrams ?? 0) - (b.upToGrams ?? 0));
  return holding[0]?.amount ?? rule.tiers.find((t) => t.upToGrams === null)?.amount ?? null;
}

function basketFacts(input: BasketInput) {
  const subtotal = sum(input.lines.map((l) => l.unitPrice * l.quantity));
  const weightGrams = sum(input.lines.map((l) => l.weightGrams * l.quantity));
  return { subtotal, weightGrams };
}

// ── Properties ──────────────────────────────────────────────────────────────────────────────
describe("priceBasket properties (fast-check)", () => {
  test("totals add up to the minor unit; discounts and tax lines never lose or create a cent", () => {
    fc.assert(
      fc.property(basket, (input) => {
        const t = priceOrRefusal(input);
        if (t instanceof PricingError) {
          // The only refusal a valid cart can meet: a chosen option the region does not offer or
          // that cannot carry the basket.
          expect(t.field).toBe("shippingOptionId");
          const { weightGrams } = basketFacts(input);
          const quotes = shippingQuotes(input.region, { discountedSubtotal: 0, weightGrams });
          const heavyQuotes = shippingQuotes(input.region, {
            discountedSubtotal: Number.MAX_SAFE_INTEGER,
            weightGrams,
          });
          expect([...quotes, ...heavyQuotes].some((q) => q.optionId === input.shippingOptionId)).toBe(false);
          return;
        }
        const discounted = t.subtotal - t.discount;
        // The equations of each basis.
        if (t.taxInclusive) {
          expect(t.total).toBe(t.subtotal - t.discount + t.shipping);
          expect(t.tax).toBeLessThanOrEqual(t.total);
        } else {
          expect(t.total).toBe(t.subtotal - t.discount + t.shipping + t.tax);
        }
        expect(t.subtotal).toBe(basketFacts(input).subtotal);
        expect(sum(t.lines.map((l) => l.lineTotal))).toBe(t.subtotal);
        // Allocation: line discounts sum to the discount; tax lines sum to the tax.
        expect(sum(t.lines.map((l) => l.discount))).toBe(t.discount);
        expect(sum(t.taxLines.map((l) => l.amount))).toBe(t.tax);
        expect(sum(t.lines.map((l) => l.tax)) + (t.shippingMethod?.tax ?? 0)).toBe(t.tax);
        // Every taxed cent is accounted for once: net amounts (+ the tax inside them) = what was charged.
        expect(sum(t.taxLines.map((l) => l.taxable)) + (t.taxInclusive ? t.tax : 0)).toBe(discounted + t.shipping);
        // Nothing negative, no line discounted below zero.
        for (const v of [t.subtotal, t.discount, t.shipping, t.tax, t.total]) expect(v).toBeGreaterThanOrEqual(0);
        for (const l of t.lines) {
          expect(l.discount).toBeGreaterThanOrEqual(0);
          expect(l.discount).toBeLessThanOrEqual(l.lineTotal);
          expect(l.tax).toBeGreaterThanOrEqual(0);
        }
        for (const l of t.taxLines) {
          expect(l.amount).toBeGreaterThanOrEqual(0);
          expect(l.taxable).toBeGreaterThanOrEqual(0);
        }
        expect(t.discount).toBeLessThanOrEqual(t.subtotal);
      }),
      { numRuns: RUNS },
    );
  });

  test("each line is taxed on its discounted amount at its rate, rounded half-even", () => {
    fc.assert(
      fc.property(basket, (input) => {
        const t = priceOrRefusal(input);
        if (t instanceof PricingError) return;
        const address = input.address ?? { country: input.region.defaultCountry };
        t.lines.forEach((l, i) => {
          const line = input.lines[i];
          if (!line) throw new Error("line missing");
          const rate = rateFor(input.region.taxRates, address, line.taxClass);
          expect(l.rateBps).toBe(rate.rateBps);
          expect(l.tax).toBe(taxOn(l.lineTotal - l.discount, rate.rateBps, t.taxInclusive));
        });
        if (t.shippingMethod) {
          const rate = rateFor(input.region.taxRates, address, t.shippingMethod.taxClass);
          expect(t.shippingMethod.tax).toBe(taxOn(t.shipping, rate.rateBps, t.taxInclusive));
          expect(t.shippingMethod.amount).toBe(t.shipping);
        } else {
          expect(t.shipping).toBe(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("shipping: the chosen option's price for the discounted basket, or the first that can carry it", () => {
    fc.assert(
      fc.property(basket, (input) => {
        const t = priceOrRefusal(input);
        if (t instanceof PricingError) return;
        const { weightGrams } = basketFacts(input);
        const carrying = input.region.shippingOptions
          .filter((o) => o.active)
          .map((o) => ({ o, amount: expectedShipping(o, t.subtotal - t.discount, weightGrams) }))
          .filter((q) => q.amount !== null);
        const pick =
          input.shippingOptionId === null ? carrying[0] : carrying.find((q) => q.o.id === input.shippingOptionId);
        const expected = pick ? { optionId: pick.o.id, amount: pick.amount } : undefined;
        expect(t.shippingMethod?.optionId ?? null).toBe(expected?.optionId ?? null);
        expect(shippingQuotes(input.region, { discountedSubtotal: t.subtotal - t.discount, weightGrams })).toEqual(
          carrying.map(({ o, amount }) => ({
            optionId: o.id,
            name: o.name,
            speed: o.speed,
            amount: amount ?? 0,
            minDays: o.minDays,
            maxDays: o.maxDays,
          })),
        );
        expect(t.shipping).toBe(expected?.amount ?? 0);
      }),
      { numRuns: RUNS },
    );
  });

  test("gift cards (#27) take no discount and no shipping: the goods price as if alone, the cards at face value", () => {
    const giftCards = fc.array(
      fc.record({
        sku: fc.constantFrom("GIFT-25", "GIFT-50", "GIFT-100"),
        unitPrice: fc.integer({ min: 500, max: 50_000 }),
        quantity: fc.integer({ min: 1, max: 10 }),
        taxClass: fc.constant("zero" as const),
        weightGrams: fc.constant(0),
        giftCard: fc.constant(true),
      }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(basket, giftCards, fc.boolean(), (input, cards, goodsToo) => {
        const goods = goodsToo ? input.lines : [];
        const mixed = { ...input, lines: [...goods, ...cards] };
        const alone = priceOrRefusal({ ...input, lines: goods });
        const t = priceOrRefusal(mixed);
        if (alone instanceof PricingError) {
          expect(t).toBeInstanceOf(PricingError);
          return;
        }
        if (t instanceof PricingError) throw t;
        const faceValue = sum(cards.map((c) => c.unitPrice * c.quantity));
        expect(t.discount).toBe(alone.discount);
        expect(t.shipping).toBe(alone.shipping);
        expect(t.shippingMethod).toEqual(alone.shippingMethod);
        expect(t.tax).toBe(alone.tax);
        expect(t.subtotal).toBe(alone.subtotal + faceValue);
        expect(t.total).toBe(alone.total + faceValue);
        expect(t.lines.slice(0, goods.length)).toEqual(alone.lines);
        for (const l of t.lines.slice(goods.length))
          expect({ discount: l.discount, tax: l.tax }).toEqual({ discount: 0, tax: 0 });
        if (goods.length === 0) expect(t.shippingMethod).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  test("the async priceBasket with the rate table equals priceBasketWithRates", async () => {
    await fc.assert(
      fc.asyncProperty(basket, async (input) => {
        const sync = priceOrRefusal(input);
        if (sync instanceof PricingError) {
          await expect(priceBasket(input, rateTableProvider)).rejects.toBeInstanceOf(PricingError);
          return;
        }
        expect(await priceBasket(input, rateTableProvider)).toEqual(sync);
        expect(await priceBasket(input)).toEqual(sync);
      }),
      { numRuns: 200 },
    );
  });

  test("pure: the same inputs give the same totals (cart totals = order totals) and the input is untouched", () => {
    fc.assert(
      fc.property(basket, (input) => {
        const before = structuredClone(input);
        const first = priceOrRefusal(input);
        // The order prices a copy of what the cart priced (it travelled as JSON between services).
        const second = priceOrRefusal(JSON.parse(JSON.stringify(input)) as BasketInput);
        expect(input).toEqual(before);
        if (first instanceof PricingError) {
          expect(second).toBeInstanceOf(PricingError);
          return;
        }
        expect(second).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  test("a fixed code in another currency is always refused, naming discount", () => {
    fc.assert(
      fc.property(basket, fc.constantFrom(...CURRENCIES), fc.integer({ min: 1, max: 10_000 }), (input, cur, value) => {
        fc.pre(cur !== input.region.currency);
        fc.pre(basketFacts(input).subtotal > 0);
        const withCode = { ...input, discount: { kind: "fixed" as const, value, currency: cur } };
        const err = (() => {
          try {
            priceBasketWithRates(withCode);
          } catch (e) {
            return e;
          }
          return null;
        })();
        expect(err).toBeInstanceOf(PricingError);
        expect((err as PricingError).field).toBe("discount");
      }),
      { numRuns: 200 },
    );
  });
});
