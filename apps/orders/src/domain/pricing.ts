import { type Currency, computeTotals, type PricingConfig } from "@mercato/pricing";
import type { OrderLine } from "../contract.ts";
import { OrderRuleError } from "./errors.ts";

/** A SKU as the catalog sells it now. */
export interface CatalogSku {
  sku: string;
  productId: string;
  title: string;
  image: { url: string; alt: string } | null;
  options: Record<string, string>;
  price: number;
  currency: string;
  status: "draft" | "active" | "archived";
}

export interface CartDiscount {
  code: string;
  kind: "percent" | "fixed";
  value: number;
  minSubtotal: number;
}

/**
 * Prices a cart from the catalog's current prices, with the same rules (@mercato/pricing) the cart
 * shows: an order never trusts prices it was sent. A SKU the catalog no longer sells, or sells in
 * another currency, refuses the checkout naming it. A discount below its minimum subtotal is not
 * applied, as in the cart.
 */
export function priceOrder(input: {
  lines: readonly { sku: string; quantity: number }[];
  currency: Currency;
  catalog: readonly CatalogSku[];
  discount: CartDiscount | null;
  config: PricingConfig;
}): { lines: OrderLine[]; totals: ReturnType<typeof computeTotals>; discountCode: string | null } {
  if (input.lines.length === 0) throw new OrderRuleError("cart", "is empty");
  const bySku = new Map(input.catalog.map((s) => [s.sku, s]));
  const lines: OrderLine[] = input.lines.map((line) => {
    const sku = bySku.get(line.sku);
    if (sku?.status !== "active") throw new OrderRuleError("lines", `${line.sku} is no longer sold`);
    if (sku.currency !== input.currency) {
      throw new OrderRuleError("lines", `${line.sku} is priced in ${sku.currency}, the cart in ${input.currency}`);
    }
    return {
      sku: sku.sku,
      productId: sku.productId,
      title: sku.title,
      image: sku.image,
      options: sku.options,
      quantity: line.quantity,
      unitPrice: sku.price,
    };
  });
  const priced = lines.map((l) => ({ sku: l.sku, unitPrice: l.unitPrice, quantity: l.quantity }));
  const subtotal = priced.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
  const discount = input.discount && subtotal >= input.discount.minSubtotal ? input.discount : null;
  const totals = computeTotals({
    lines: priced,
    currency: input.currency,
    discount: discount && { kind: discount.kind, value: discount.value },
    config: input.config,
  });
  return { lines, totals, discountCode: discount?.code ?? null };
}
