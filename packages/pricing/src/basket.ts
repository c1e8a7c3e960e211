/**
 * Prices a basket in a region: lines, discount, the chosen shipping option and tax, all integers in
 * the region's currency. The cart shows exactly what orders charges because both call this.
 *
 * Exclusive regions (US): prices are net; tax is added on top.
 *   total = subtotal − discount + shipping + tax
 * Inclusive regions (EU/UK): prices are gross; the tax inside each amount is back-calculated.
 *   total = subtotal − discount + shipping            (tax is part of it)
 * Tax is worked out per line (and for shipping) on its discounted amount, rounded half-even to the
 * minor unit, and summed into tax lines per rate: the lines always add up to the tax.
 */
import { z } from "zod";
import { allocateProportionally } from "./allocate.ts";
import { type Currency, currencySchema, minorUnitsSchema } from "./money.ts";
import {
  type RegionRules,
  type ShippingOption,
  type ShippingSpeed,
  shippingSpeedSchema,
  type TaxClass,
  type TaxRate,
  taxClassSchema,
} from "./regions.ts";
import { assertInteger, mulDivHalfEven } from "./rounding.ts";

const BPS = 10_000;

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────
export interface BasketLine {
  sku: string;
  /** Unit price in the region's currency, on the region's basis (gross or net). */
  unitPrice: number;
  quantity: number;
  taxClass: TaxClass;
  /** Weight of one unit, for weight-tiered shipping. */
  weightGrams: number;
  /**
   * A gift card (#27): money paid in advance, not goods. It takes no share of a discount (a code
   * does not buy money at a discount) and is not shipped: a basket of gift cards only has no
   * shipping.
   */
  giftCard?: boolean;
}

/** A percent code works in every currency; a fixed amount only in its own. */
export const basketDiscountSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("percent"), value: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal("fixed"), value: z.number().int().positive(), currency: currencySchema }),
]);
export type BasketDiscount = z.infer<typeof basketDiscountSchema>;

/** Where the goods go, as far as tax cares. */
export interface TaxAddress {
  country: string;
  subdivision?: string | null | undefined;
  postalCode?: string | null | undefined;
}

export interface BasketInput {
  lines: readonly BasketLine[];
  region: RegionRules;
  /** The shipping address, or null before the shopper gave one (tax is estimated for `region.defaultCountry`). */
  address: TaxAddress | null;
  /** The chosen option; null picks the region's first option that can carry the basket. */
  shippingOptionId: string | null;
  discount: BasketDiscount | null;
}

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────
export const taxLineSchema = z.object({
  name: z.string(),
  rateBps: z.number().int().min(0),
  /** The net amount taxed at this rate (minor units). */
  taxable: minorUnitsSchema,
  /** The tax at this rate (minor units): included in the prices, or added to them. */
  amount: minorUnitsSchema,
});
export type TaxLine = z.infer<typeof taxLineSchema>;

/** The shipping the shopper chose, as an order records it. */
export const shippingMethodSchema = z.object({
  optionId: z.string(),
  name: z.string(),
  speed: shippingSpeedSchema,
  /** What shipping costs (gross in inclusive regions, net in exclusive ones). */
  amount: minorUnitsSchema,
  /** The tax on shipping (inside `amount`, or added to it). */
  tax: minorUnitsSchema,
  taxClass: taxClassSchema,
  minDays: z.number().int(),
  maxDays: z.number().int(),
});
export type ShippingMethod = z.infer<typeof shippingMethodSchema>;

export interface BasketLineTotals {
  sku: string;
  /** unitPrice × quantity, before discount. */
  lineTotal: number;
  /** This line's share of the discount. */
  discount: number;
  /** Tax on (lineTotal − discount): inside it (inclusive) or on top of it (exclusive). */
  tax: number;
  rateBps: number;
  taxClass: TaxClass;
}

/** A shipping option as the shopper is offered it for this basket. */
export interface ShippingQuote {
  optionId: string;
  name: string;
  speed: ShippingSpeed;
  amount: number;
  minDays: number;
  maxDays: number;
}

export interface BasketTotals {
  currency: Currency;
  taxInclusive: boolean;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  taxLines: TaxLine[];
  lines: BasketLineTotals[];
  /** Null for an empty basket or a region without options that can carry it. */
  shippingMethod: ShippingMethod | null;
}

/** A basket that cannot be priced as asked; `field` names the input at fault. */
export class PricingError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = "PricingError";
  }
}

// ── Tax providers ───────────────────────────────────────────────────────────────────────────
export const taxAddressSchema = z.object({
  country: z.string().trim().min(2).max(2),
  subdivision: z.string().trim().min(1).max(3).nullable().optional(),
  postalCode: z.string().trim().min(1).max(20).nullable().optional(),
});

/**
 * What a tax provider is asked: amounts after discount, on the region's basis. A zod schema so a
 * provider behind a service boundary (payments' Stripe Tax) validates what it is sent.
 */
export const taxRequestSchema = z.object({
  currency: currencySchema,
  taxInclusive: z.boolean(),
  address: taxAddressSchema,
  lines: z
    .array(
      z.object({
        key: z.string().min(1).max(200),
        amount: minorUnitsSchema.pipe(z.number().min(0)),
        quantity: z.number().int().positive(),
        taxClass: taxClassSchema,
      }),
    )
    .max(500),
  shipping: z.object({ amount: minorUnitsSchema.pipe(z.number().min(0)), taxClass: taxClassSchema }).nullable(),
});
export type TaxRequest = z.infer<typeof taxRequestSchema>;

export const taxResultLineSchema = z.object({
  tax: minorUnitsSchema.pipe(z.number().min(0)),
  rateBps: z.number().int().min(0).max(10_000),
  /** The tax line's label ("VAT 20%"). */
  name: z.string().min(1).max(200),
});
export type TaxResultLine = z.infer<typeof taxResultLineSchema>;

/** One result per request line, in order, and one for shipping when it was asked. */
export const taxResultSchema = z.object({
  lines: z.array(taxResultLineSchema),
  shipping: taxResultLineSchema.nullable(),
});
export type TaxResult = z.infer<typeof taxResultSchema>;

export interface TaxProvider {
  readonly name: string;
  calculate(request: TaxRequest, region: RegionRules): Promise<TaxResult>;
}

/**
 * The rate for an address and class from a rate table: the subdivision's rate, else the
 * country's, else (for a class the country does not list) the country's standard rate; `zero`
 * is always 0. No rate at all is 0 ("No tax").
 */
export function rateFor(rates: readonly TaxRate[], address: TaxAddress, taxClass: TaxClass): TaxResultLine {
  if (taxClass === "zero") return { rateBps: 0, name: "Zero-rated", tax: 0 };
  const country = address.country.toUpperCase();
  const subdivision = address.subdivision?.toUpperCase() ?? null;
  const find = (cls: TaxClass) =>
    (subdivision
      ? rates.find((r) => r.country === country && r.subdivision === subdivision && r.taxClass === cls)
      : undefined) ?? rates.find((r) => r.country === country && r.subdivision === null && r.taxClass === cls);
  const rate = find(taxClass) ?? (taxClass === "standard" ? undefined : find("standard"));
  return rate ? { rateBps: rate.rateBps, name: rate.name, tax: 0 } : { rateBps: 0, name: "No tax", tax: 0 };
}

/**
 * Whether tax in `country` depends on the subdivision (US sales tax by state): the rate table
 * lists rates for its subdivisions, so checkout must ask for one.
 */
export function needsSubdivision(rates: readonly TaxRate[], country: string): boolean {
  const c = country.toUpperCase();
  return rates.some((r) => r.country === c && r.subdivision !== null);
}

/** The tax on `amount` at `rateBps`: inside it when inclusive, on top of it when not; half-even. */
export function taxOn(amount: number, rateBps: number, inclusive: boolean): number {
  return inclusive ? mulDivHalfEven(amount, rateBps, BPS + rateBps) : mulDivHalfEven(amount, rateBps, BPS);
}

/** The built-in provider: the region's own rate table. Synchronous underneath. */
export function rateTableTaxes(request: TaxRequest, rates: readonly TaxRate[]): TaxResult {
  const one = (amount: number, taxClass: TaxClass): TaxResultLine => {
    const rate = rateFor(rates, request.address, taxClass);
    return { ...rate, tax: taxOn(amount, rate.rateBps, request.taxInclusive) };
  };
  return {
    lines: request.lines.map((l) => one(l.amount, l.taxClass)),
    shipping: request.shipping ? one(request.shipping.amount, request.shipping.taxClass) : null,
  };
}

export const rateTableProvider: TaxProvider = {
  name: "rates",
  calculate: async (request, region) => rateTableTaxes(request, region.taxRates),
};

// ── Shipping ────────────────────────────────────────────────────────────────────────────────
/**
 * What `option` costs for a basket, or null when it cannot carry it (too heavy for its tiers).
 * Weight tiers are read in ascending order of their bound whatever order they were saved in: the
 * smallest bounded tier that holds the weight wins, else the open-ended tier (if any).
 */
export function shippingAmount(
  option: Pick<ShippingOption, "rule">,
  basket: { discountedSubtotal: number; weightGrams: number },
): number | null {
  const rule = option.rule;
  switch (rule.kind) {
    case "flat":
      return rule.amount;
    case "free_above":
      return basket.discountedSubtotal >= rule.threshold ? 0 : rule.amount;
    case "weight": {
      let best: { upToGrams: number; amount: number } | null = null;
      for (const t of rule.tiers) {
        if (t.upToGrams === null || basket.weightGrams > t.upToGrams) continue;
        if (!best || t.upToGrams < best.upToGrams) best = { upToGrams: t.upToGrams, amount: t.amount };
      }
      if (best) return best.amount;
      const open = rule.tiers.find((t) => t.upToGrams === null);
      return open ? open.amount : null;
    }
  }
}

/** The region's active options that can carry the basket, with their prices for it. */
export function shippingQuotes(
  region: Pick<RegionRules, "shippingOptions">,
  basket: { discountedSubtotal: number; weightGrams: number },
): ShippingQuote[] {
  const out: ShippingQuote[] = [];
  for (const option of region.shippingOptions) {
    if (!option.active) continue;
    const amount = shippingAmount(option, basket);
    if (amount === null) continue;
    out.push({
      optionId: option.id,
      name: option.name,
      speed: option.speed,
      amount,
      minDays: option.minDays,
      maxDays: option.maxDays,
    });
  }
  return out;
}

// ── Pricing ─────────────────────────────────────────────────────────────────────────────────
/**
 * The discount amount for a subtotal: percent rounded half-even, fixed capped at the subtotal. A
 * fixed amount in another currency is refused (naming `discount`); so is a value outside the
 * schema's range, which would otherwise make totals negative.
 */
export function basketDiscountAmount(subtotal: number, discount: BasketDiscount | null, currency: Currency): number {
  if (!discount || subtotal <= 0) return 0;
  if (!Number.isSafeInteger(discount.value) || discount.value <= 0) {
    throw new PricingError("discount", `${discount.value} is not a positive whole amount`);
  }
  if (discount.kind === "percent") {
    if (discount.value > 100) throw new PricingError("discount", "a percent discount is at most 100");
    return mulDivHalfEven(subtotal, discount.value, 100);
  }
  if (discount.currency !== currency) {
    throw new PricingError("discount", `a ${discount.currency} amount does not apply to a ${currency} basket`);
  }
  return Math.min(discount.value, subtotal);
}

/** The part of pricing that needs no tax provider, and the request to send it. */
export interface PreparedBasket {
  input: BasketInput;
  subtotal: number;
  discount: number;
  lineTotals: number[];
  shares: number[];
  option: ShippingOption | null;
  shipping: number;
  request: TaxRequest;
}

export function prepareBasket(input: BasketInput): PreparedBasket {
  const { lines, region } = input;
  // A quantity comes from the shopper (a 4xx naming the line); a price or a weight comes from the
  // catalog, so a bad one is our bug and stays a RangeError (a 500).
  lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new PricingError(`lines.${i}.quantity`, `${line.sku}: quantity must be a positive whole number`);
    }
    assertInteger(`${line.sku} unitPrice`, line.unitPrice);
    assertInteger(`${line.sku} weightGrams`, line.weightGrams);
    if (line.unitPrice < 0) throw new RangeError(`${line.sku} unitPrice must not be negative`);
    if (line.weightGrams < 0) throw new RangeError(`${line.sku} weightGrams must not be negative`);
  });
  const lineTotals = lines.map((l) => l.unitPrice * l.quantity);
  for (const t of lineTotals) assertInteger("line total", t);
  const subtotal = lineTotals.reduce((a, b) => a + b, 0);
  assertInteger("subtotal", subtotal);
  const discountable = lineTotals.map((t, i) => (lines[i]?.giftCard ? 0 : t));
  const discount = basketDiscountAmount(
    discountable.reduce((a, b) => a + b, 0),
    input.discount,
    region.currency,
  );
  const shares = allocateProportionally(discount, discountable);
  const shipped = lines.filter((l) => !l.giftCard);
  const weightGrams = shipped.reduce((n, l) => n + l.weightGrams * l.quantity, 0);
  assertInteger("weightGrams", weightGrams);
  // What a free-shipping threshold compares with: the goods, after their discount.
  const discountedSubtotal = shipped.length ? discountable.reduce((a, b) => a + b, 0) - discount : 0;

  let option: ShippingOption | null = null;
  let shipping = 0;
  if (shipped.length > 0) {
    const basket = { discountedSubtotal, weightGrams };
    if (input.shippingOptionId !== null) {
      const chosen = region.shippingOptions.find((o) => o.id === input.shippingOptionId && o.active);
      if (!chosen)
        throw new PricingError("shippingOptionId", `${input.shippingOptionId} is not offered in ${region.name}`);
      const amount = shippingAmount(chosen, basket);
      if (amount === null) throw new PricingError("shippingOptionId", `${chosen.name} cannot carry ${weightGrams} g`);
      option = chosen;
      shipping = amount;
    } else {
      for (const candidate of region.shippingOptions) {
        const amount = candidate.active ? shippingAmount(candidate, basket) : null;
        if (amount !== null) {
          option = candidate;
          shipping = amount;
          break;
        }
      }
    }
  }

  // Only what tax depends on travels to the provider (never the shopper's name or street).
  const given = input.address;
  const address: TaxAddress = given
    ? {
        country: given.country.toUpperCase(),
        ...(given.subdivision ? { subdivision: given.subdivision.toUpperCase() } : {}),
        ...(given.postalCode ? { postalCode: given.postalCode } : {}),
      }
    : { country: region.defaultCountry };
  const request: TaxRequest = {
    currency: region.currency,
    taxInclusive: region.taxInclusive,
    address,
    lines: lines.map((l, i) => ({
      key: l.sku,
      amount: (lineTotals[i] ?? 0) - (shares[i] ?? 0),
      quantity: l.quantity,
      taxClass: l.taxClass,
    })),
    shipping: option ? { amount: shipping, taxClass: option.taxClass } : null,
  };
  return { input, subtotal, discount, lineTotals, shares, option, shipping, request };
}

export function finishBasket(prepared: PreparedBasket, result: TaxResult): BasketTotals {
  const { input, subtotal, discount, lineTotals, shares, option, shipping, request } = prepared;
  checkTaxResult(request, result);
  const inclusive = input.region.taxInclusive;
  const groups = new Map<string, TaxLine>();
  const addTax = (r: TaxResultLine, amount: number) => {
    const key = `${r.name}\n${r.rateBps}`;
    const taxable = inclusive ? amount - r.tax : amount;
    const g = groups.get(key);
    if (g) {
      g.amount += r.tax;
      g.taxable += taxable;
    } else groups.set(key, { name: r.name, rateBps: r.rateBps, taxable, amount: r.tax });
  };
  const lines: BasketLineTotals[] = input.lines.map((l, i) => {
    const r = result.lines[i] as TaxResultLine;
    const amount = request.lines[i]?.amount ?? 0;
    if (amount > 0 || r.tax !== 0) addTax(r, amount);
    return {
      sku: l.sku,
      lineTotal: lineTotals[i] ?? 0,
      discount: shares[i] ?? 0,
      tax: r.tax,
      rateBps: r.rateBps,
      taxClass: l.taxClass,
    };
  });
  const shippingTax = result.shipping?.tax ?? 0;
  if (result.shipping && (shipping > 0 || shippingTax !== 0)) addTax(result.shipping, shipping);
  const tax = lines.reduce((n, l) => n + l.tax, 0) + shippingTax;
  const discounted = subtotal - discount;
  return {
    currency: input.region.currency,
    taxInclusive: inclusive,
    subtotal,
    discount,
    shipping,
    tax,
    total: inclusive ? discounted + shipping : discounted + shipping + tax,
    taxLines: [...groups.values()],
    lines,
    shippingMethod: option
      ? {
          optionId: option.id,
          name: option.name,
          speed: option.speed,
          amount: shipping,
          tax: shippingTax,
          taxClass: option.taxClass,
          minDays: option.minDays,
          maxDays: option.maxDays,
        }
      : null,
  };
}

/** A provider's answer that would unbalance the totals is its bug: refuse it rather than charge it. */
export class TaxProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TaxProviderError";
  }
}

function checkTaxResult(request: TaxRequest, result: TaxResult): void {
  if (result.lines.length !== request.lines.length) {
    throw new TaxProviderError(`tax provider answered ${result.lines.length} lines for ${request.lines.length}`);
  }
  if ((result.shipping === null) !== (request.shipping === null)) {
    throw new TaxProviderError("tax provider answered shipping tax for shipping it was not asked about, or none");
  }
  const check = (r: TaxResultLine, amount: number, what: string) => {
    if (!Number.isSafeInteger(r.tax) || r.tax < 0)
      throw new TaxProviderError(`${what}: tax ${r.tax} is not whole and ≥ 0`);
    if (!Number.isInteger(r.rateBps) || r.rateBps < 0 || r.rateBps > 10_000) {
      throw new TaxProviderError(`${what}: rate ${r.rateBps} bps is out of range`);
    }
    // Tax inside a gross amount can never exceed it; otherwise the net would be negative.
    if (request.taxInclusive && r.tax > amount) throw new TaxProviderError(`${what}: tax ${r.tax} exceeds ${amount}`);
  };
  result.lines.forEach((r, i) => {
    check(r, request.lines[i]?.amount ?? 0, `line ${i}`);
  });
  if (result.shipping && request.shipping) check(result.shipping, request.shipping.amount, "shipping");
}

/** Prices a basket with the region's rate table, synchronously. */
export function priceBasketWithRates(input: BasketInput): BasketTotals {
  const prepared = prepareBasket(input);
  return finishBasket(prepared, rateTableTaxes(prepared.request, input.region.taxRates));
}

/** Prices a basket with a tax provider (the rate table when none is given). */
export async function priceBasket(
  input: BasketInput,
  provider: TaxProvider = rateTableProvider,
): Promise<BasketTotals> {
  const prepared = prepareBasket(input);
  return finishBasket(prepared, await provider.calculate(prepared.request, input.region));
}
