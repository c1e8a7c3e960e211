import { conflict, type DomainError, invalid } from "@mercato/kit/errors";

/** Rules a product's variants must satisfy beyond their individual fields. */
export interface VariantDraft {
  sku: string;
  price: number;
  currency: string;
}

/** The first problem in a variant list (a SKU given twice, mixed currencies), or null. */
export function variantProblem(list: VariantDraft[]): DomainError | null {
  const seen = new Map<string, number>();
  for (const [i, v] of list.entries()) {
    const first = seen.get(v.sku);
    if (first !== undefined) return conflict(`variants.${i}.sku`, `SKU "${v.sku}" is also variant ${first}`);
    seen.set(v.sku, i);
    if (v.currency !== list[0]!.currency) {
      return invalid(`variants.${i}.currency`, `must be ${list[0]!.currency} like variants.0`);
    }
  }
  return null;
}

/** The "from" price a product lists with: its lowest variant price. */
export function fromPrice(list: { price: number }[]): number {
  return list.reduce((min, v) => Math.min(min, v.price), Number.POSITIVE_INFINITY);
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
