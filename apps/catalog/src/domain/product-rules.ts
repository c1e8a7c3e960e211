import { conflict, type DomainError } from "@mercato/kit/errors";

import type { Currency, VariantPrice } from "../contract.ts";

/** Rules a product's variants must satisfy beyond their individual fields. */
export interface VariantDraft {
  sku: string;
}

/**
 * The first problem in a variant list (a SKU given twice), or null. Variants may sell in
 * different currencies: each currency's listing shows the variants priced in it.
 */
export function variantProblem(list: VariantDraft[]): DomainError | null {
  const seen = new Map<string, number>();
  for (const [i, v] of list.entries()) {
    const first = seen.get(v.sku);
    if (first !== undefined) return conflict(`variants.${i}.sku`, `SKU "${v.sku}" is also variant ${first}`);
    seen.set(v.sku, i);
  }
  return null;
}

/** The "from" price a product lists with: its lowest variant price. */
export function fromPrice(list: { price: number }[]): number {
  return list.reduce((min, v) => Math.min(min, v.price), Number.POSITIVE_INFINITY);
}

/** A product's "from" price in each currency some variant sells in: its lowest variant price there. */
export function fromPrices(sets: readonly (readonly VariantPrice[])[]): Map<Currency, number> {
  const out = new Map<Currency, number>();
  for (const set of sets) {
    for (const p of set) out.set(p.currency, Math.min(out.get(p.currency) ?? Number.POSITIVE_INFINITY, p.amount));
  }
  return out;
}

/** The distinct (option name, value) pairs a product's variants offer, for the option filter's index. */
export function optionRows(productId: string, list: { options?: Record<string, string> }[]) {
  const seen = new Map<string, { name: string; value: string; productId: string }>();
  for (const v of list) {
    for (const [name, value] of Object.entries(v.options ?? {}))
      seen.set(JSON.stringify([name, value]), { name, value, productId });
  }
  return [...seen.values()];
}
