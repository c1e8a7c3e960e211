import { z } from "zod";
import { allocateProportionally } from "./allocate.ts";
import type { PricingConfig } from "./config.ts";
import type { Currency } from "./money.ts";
import { assertInteger, mulDivHalfEven } from "./rounding.ts";

/**
 * A discount to apply. `percent`: `value` is a whole percent, 1..100 (10 = 10 % off).
 * `fixed`: `value` is an amount in minor units, never taking more than the subtotal.
 */
export const discountSchema = z.object({
  kind: z.enum(["percent", "fixed"]),
  value: z.number().int().positive(),
});
export type Discount = z.infer<typeof discountSchema>;

export interface PricedLine {
  sku: string;
  /** Unit price in minor units. */
  unitPrice: number;
  quantity: number;
}

export interface LineTotals {
  sku: string;
  /** unitPrice × quantity, before discount. */
  lineTotal: number;
  /** This line's share of the discount. */
  discount: number;
  /** Tax on (lineTotal − discount), rounded half-even. */
  tax: number;
}

export interface Totals {
  currency: Currency;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  lines: LineTotals[];
}

const BPS = 10_000;

/** The discount amount for a subtotal: percent rounded half-even, fixed capped at the subtotal. */
export function discountAmount(subtotal: number, discount: Discount | null): number {
  if (!discount || subtotal <= 0) return 0;
  if (discount.kind === "percent") {
    if (discount.value > 100) throw new RangeError("a percent discount is at most 100");
    return mulDivHalfEven(subtotal, discount.value, 100);
  }
  return Math.min(discount.value, subtotal);
}

/**
 * Prices a basket. Subtotal is the sum of lines; the discount is spread over the lines in
 * proportion to their totals (largest remainder, so shares sum exactly); shipping is a flat rate
 * unless the discounted subtotal reaches the free-shipping threshold (an empty basket ships
 * nothing); tax is the rate on each line's discounted amount, rounded half-even per line, and is
 * not charged on shipping. total = subtotal − discount + shipping + tax. All integers.
 */
export function computeTotals(input: {
  lines: readonly PricedLine[];
  currency: Currency;
  discount: Discount | null;
  config: PricingConfig;
}): Totals {
  const { lines, currency, discount, config } = input;
  for (const line of lines) {
    assertInteger(`${line.sku} unitPrice`, line.unitPrice);
    assertInteger(`${line.sku} quantity`, line.quantity);
    if (line.unitPrice < 0) throw new RangeError(`${line.sku} unitPrice must not be negative`);
    if (line.quantity <= 0) throw new RangeError(`${line.sku} quantity must be positive`);
  }
  const lineTotals = lines.map((l) => l.unitPrice * l.quantity);
  for (const t of lineTotals) assertInteger("line total", t);
  const subtotal = lineTotals.reduce((a, b) => a + b, 0);
  const discountTotal = discountAmount(subtotal, discount);
  const shares = allocateProportionally(discountTotal, lineTotals);
  const taxes = lineTotals.map((t, i) => mulDivHalfEven(t - (shares[i] ?? 0), config.taxRateBps, BPS));
  const tax = taxes.reduce((a, b) => a + b, 0);
  const discounted = subtotal - discountTotal;
  const shipping = lines.length === 0 || discounted >= config.freeShippingThreshold ? 0 : config.shippingFlatRate;
  return {
    currency,
    subtotal,
    discount: discountTotal,
    shipping,
    tax,
    total: discounted + shipping + tax,
    lines: lines.map((l, i) => ({
      sku: l.sku,
      lineTotal: lineTotals[i] ?? 0,
      discount: shares[i] ?? 0,
      tax: taxes[i] ?? 0,
    })),
  };
}
