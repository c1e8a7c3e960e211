/** Variant picking: pure rules shared by the picker and its test. */
export interface PickableVariant {
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  available: number;
}

export type Selection = Record<string, string>;

/** The option names in the order the variants declare them (colour before size, say). */
export function optionNames(variants: PickableVariant[]): string[] {
  const names: string[] = [];
  for (const v of variants) for (const n of Object.keys(v.options)) if (!names.includes(n)) names.push(n);
  return names;
}

/** Each option's values in first-seen order. */
export function optionValuesOf(variants: PickableVariant[], name: string): string[] {
  const values: string[] = [];
  for (const v of variants) {
    const value = v.options[name];
    if (value !== undefined && !values.includes(value)) values.push(value);
  }
  return values;
}

/** The variant matching every selected option, when the selection is complete. */
export function variantFor<V extends PickableVariant>(variants: V[], selection: Selection): V | undefined {
  const names = optionNames(variants);
  if (names.some((n) => selection[n] === undefined)) return undefined;
  return variants.find((v) => names.every((n) => v.options[n] === selection[n]));
}

/** The first in-stock variant (else the first), so a product page opens on something buyable. */
export function initialSelection(variants: PickableVariant[], available: (sku: string) => number): Selection {
  const start = variants.find((v) => available(v.sku) > 0) ?? variants[0];
  return start ? { ...start.options } : {};
}

/**
 * Whether choosing `value` for `name` (keeping the other choices) leads to a variant in stock;
 * the picker still lets the shopper choose it, but shows it as sold out.
 */
export function valueInStock(
  variants: PickableVariant[],
  selection: Selection,
  name: string,
  value: string,
  available: (sku: string) => number,
): boolean {
  return variants.some(
    (v) =>
      v.options[name] === value &&
      Object.entries(selection).every(([n, chosen]) => n === name || v.options[n] === chosen) &&
      available(v.sku) > 0,
  );
}

/** The words for a stock level: "Only 3 left" creates urgency only when it is true. */
export function stockMessage(available: number, lowStock: boolean): { text: string; tone: "green" | "amber" | "red" } {
  if (available <= 0) return { text: "Out of stock", tone: "red" };
  if (lowStock || available <= 5) return { text: `Only ${available} left`, tone: "amber" };
  return { text: "In stock", tone: "green" };
}
