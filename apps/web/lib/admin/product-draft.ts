import {
  CURRENCIES,
  type Currency,
  type EditableStatus,
  MAX_WEIGHT_GRAMS,
  PRODUCT_LIMITS,
  type PriceInput,
  type ProductKind,
  SKU_RULE,
  SLUG_RULE,
  TAX_CLASSES,
  type TaxClass,
} from "@mercato/catalog/contract";
import { fromMinorUnits, toMinorUnits } from "./money.ts";

/**
 * The product editor's state and its translation to catalog.admin.products.create/update input.
 * Option names are set once for the product ("size", "colour"); each variant gives a value for each,
 * and has a price set: one row per currency it sells in, each with an optional compare-at price.
 * The checks use the catalog's own rules (@mercato/catalog/contract) so most mistakes are caught
 * before a round trip; the service still has the last word.
 */
export type { Currency, TaxClass };

export interface PriceDraft {
  currency: Currency;
  amount: string;
  compareAt: string;
}

export interface VariantDraft {
  sku: string;
  values: Record<string, string>;
  prices: PriceDraft[];
  /** Grams, as typed; empty means 0 (the catalog's default). */
  weightGrams: string;
}

export interface ImageDraft {
  url: string;
  alt: string;
}

export interface ProductDraft {
  title: string;
  slug: string;
  description: string;
  status: EditableStatus;
  brand: string;
  taxClass: TaxClass;
  /** Goods, or a gift card (#27): chosen when the product is made, fixed after. */
  kind: ProductKind;
  optionNames: string[];
  categoryIds: string[];
  images: ImageDraft[];
  variants: VariantDraft[];
}

export interface VariantInput {
  sku: string;
  options: Record<string, string>;
  /** The whole price set: the truth for the catalog. */
  prices: PriceInput[];
  /** The first price again, for the catalog's older single-price fields (ignored when `prices` is given). */
  price: number;
  compareAtPrice: number | null;
  currency: Currency;
  weightGrams: number;
}

export interface ProductInput {
  title: string;
  slug?: string;
  description: string;
  status: EditableStatus;
  brand: string | null;
  taxClass: TaxClass;
  kind: ProductKind;
  categoryIds: string[];
  images: { url: string; alt: string }[];
  variants: VariantInput[];
}

const isCurrency = (code: string): code is Currency => (CURRENCIES as readonly string[]).includes(code);

export function emptyPrice(currency: Currency): PriceDraft {
  return { currency, amount: "", compareAt: "" };
}

/** A new variant, priced in the same currencies as `like` (the first variant), else the first currency. */
export function emptyVariant(like?: VariantDraft): VariantDraft {
  const currencies = like?.prices.map((p) => p.currency) ?? [CURRENCIES[0]];
  return { sku: "", values: {}, prices: currencies.map(emptyPrice), weightGrams: "" };
}

/** The currencies a variant has no price in yet, for its "add currency" choice. */
export function missingCurrencies(variant: VariantDraft): Currency[] {
  return CURRENCIES.filter((c) => !variant.prices.some((p) => p.currency === c));
}

export function emptyDraft(): ProductDraft {
  return {
    title: "",
    slug: "",
    description: "",
    status: "draft",
    brand: "",
    taxClass: TAX_CLASSES[0],
    kind: "standard",
    optionNames: [],
    categoryIds: [],
    images: [],
    variants: [emptyVariant()],
  };
}

interface SavedVariant {
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  currency: string;
  /** The price set; older answers only have the single price above. */
  prices?: { currency: string; amount: number; compareAtAmount: number | null }[];
  weightGrams?: number;
}

/** A saved product back into the editor. */
export function draftOf(product: {
  title: string;
  slug: string;
  description: string;
  status: string;
  brand: string | null;
  taxClass?: TaxClass;
  kind?: ProductKind;
  categoryIds: string[];
  images: { url: string; alt?: string }[];
  variants: SavedVariant[];
}): ProductDraft {
  const optionNames = [...new Set(product.variants.flatMap((v) => Object.keys(v.options)))];
  const priceSet = (v: SavedVariant) =>
    v.prices?.length ? v.prices : [{ currency: v.currency, amount: v.price, compareAtAmount: v.compareAtPrice }];
  return {
    title: product.title,
    slug: product.slug,
    description: product.description,
    status: product.status === "active" ? "active" : "draft",
    brand: product.brand ?? "",
    taxClass: product.taxClass ?? TAX_CLASSES[0],
    kind: product.kind ?? "standard",
    optionNames,
    categoryIds: product.categoryIds,
    images: product.images.map((i) => ({ url: i.url, alt: i.alt ?? "" })),
    variants: product.variants.map((v) => ({
      sku: v.sku,
      values: { ...v.options },
      prices: priceSet(v)
        .filter((p) => isCurrency(p.currency))
        .map((p) => ({
          currency: p.currency as Currency,
          amount: fromMinorUnits(p.amount),
          compareAt: p.compareAtAmount === null ? "" : fromMinorUnits(p.compareAtAmount),
        })),
      weightGrams: v.weightGrams ? String(v.weightGrams) : "",
    })),
  };
}

/** The service input, or the problems keyed like the service's issue paths (`variants.0.prices.1.amount`). */
export function toInput(
  draft: ProductDraft,
): { ok: true; input: ProductInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = draft.title.trim();
  if (!title) errors.title = "a title is required";
  else if (title.length > PRODUCT_LIMITS.title) errors.title = `at most ${PRODUCT_LIMITS.title} characters`;
  const slug = draft.slug.trim();
  if (slug && (!SLUG_RULE.pattern.test(slug) || slug.length > SLUG_RULE.maxLength)) errors.slug = SLUG_RULE.message;
  if (draft.variants.length === 0) errors.variants = "add at least one variant";
  const names = draft.optionNames.map((n) => n.trim()).filter(Boolean);
  if (new Set(names).size !== names.length) errors.optionNames = "option names must differ";
  const skus = new Set<string>();
  const variants = draft.variants.map((v, i): VariantInput => {
    const at = `variants.${i}`;
    const sku = v.sku.trim();
    if (!sku) errors[`${at}.sku`] = "a SKU is required";
    else if (!SKU_RULE.pattern.test(sku) || sku.length > SKU_RULE.maxLength) errors[`${at}.sku`] = SKU_RULE.message;
    else if (skus.has(sku)) errors[`${at}.sku`] = "this SKU is used twice";
    skus.add(sku);
    if (v.prices.length === 0) errors[`${at}.prices`] = "a price in at least one currency";
    if (new Set(v.prices.map((p) => p.currency)).size !== v.prices.length)
      errors[`${at}.prices`] = "one price per currency";
    const prices = v.prices.map((p, j): PriceInput => {
      const amount = toMinorUnits(p.amount);
      if (amount === null) errors[`${at}.prices.${j}.amount`] = "a price like 19.90";
      const compareAtAmount = p.compareAt.trim() ? toMinorUnits(p.compareAt) : null;
      if (p.compareAt.trim() && compareAtAmount === null)
        errors[`${at}.prices.${j}.compareAtAmount`] = "a price like 24.90";
      return { currency: p.currency, amount: amount ?? 0, compareAtAmount };
    });
    const weightText = v.weightGrams.trim();
    const weightGrams = weightText ? Number(weightText) : 0;
    if (!Number.isInteger(weightGrams) || weightGrams < 0 || weightGrams > MAX_WEIGHT_GRAMS)
      errors[`${at}.weightGrams`] = `whole grams, at most ${MAX_WEIGHT_GRAMS}`;
    const options: Record<string, string> = {};
    for (const name of names) {
      const value = (v.values[name] ?? "").trim();
      if (!value) errors[`${at}.options.${name}`] = `a ${name} is required`;
      else options[name] = value;
    }
    const first = prices[0];
    return {
      sku,
      options,
      prices,
      price: first?.amount ?? 0,
      compareAtPrice: first?.compareAtAmount ?? null,
      currency: first?.currency ?? CURRENCIES[0],
      weightGrams,
    };
  });
  draft.images.forEach((img, i) => {
    if (!img.url.trim()) errors[`images.${i}.url`] = "an image URL is required";
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title,
      ...(slug ? { slug } : {}),
      description: draft.description,
      status: draft.status,
      brand: draft.brand.trim() || null,
      // A gift card is zero-rated when sold (the catalog refuses any other class for one).
      taxClass: draft.kind === "gift_card" ? "zero" : draft.taxClass,
      kind: draft.kind,
      categoryIds: draft.categoryIds,
      images: draft.images.map((i) => ({ url: i.url.trim(), alt: i.alt.trim() })),
      variants,
    },
  };
}
