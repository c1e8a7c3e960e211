import {
  CURRENCIES,
  type Currency,
  type EditableStatus,
  PRODUCT_LIMITS,
  SKU_RULE,
  SLUG_RULE,
} from "@mercato/catalog/contract";
import { fromMinorUnits, toMinorUnits } from "./money.ts";

/**
 * The product editor's state and its translation to catalog.admin.products.create/update input.
 * Option names are set once for the product ("size", "colour"); each variant gives a value for each.
 * The checks use the catalog's own rules (@mercato/catalog/contract) so most mistakes are caught
 * before a round trip; the service still has the last word.
 */
export type { Currency };

export interface VariantDraft {
  sku: string;
  values: Record<string, string>;
  price: string;
  compareAtPrice: string;
  currency: Currency;
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
  optionNames: string[];
  categoryIds: string[];
  images: ImageDraft[];
  variants: VariantDraft[];
}

export interface ProductInput {
  title: string;
  slug?: string;
  description: string;
  status: EditableStatus;
  brand: string | null;
  categoryIds: string[];
  images: { url: string; alt: string }[];
  variants: {
    sku: string;
    options: Record<string, string>;
    price: number;
    compareAtPrice: number | null;
    currency: Currency;
  }[];
}

const isCurrency = (code: string): code is Currency => (CURRENCIES as readonly string[]).includes(code);

export function emptyVariant(currency: Currency = "EUR"): VariantDraft {
  return { sku: "", values: {}, price: "", compareAtPrice: "", currency };
}

export function emptyDraft(): ProductDraft {
  return {
    title: "",
    slug: "",
    description: "",
    status: "draft",
    brand: "",
    optionNames: [],
    categoryIds: [],
    images: [],
    variants: [emptyVariant()],
  };
}

/** A saved product back into the editor. */
export function draftOf(product: {
  title: string;
  slug: string;
  description: string;
  status: string;
  brand: string | null;
  categoryIds: string[];
  images: { url: string; alt?: string }[];
  variants: {
    sku: string;
    options: Record<string, string>;
    price: number;
    compareAtPrice: number | null;
    currency: string;
  }[];
}): ProductDraft {
  const optionNames = [...new Set(product.variants.flatMap((v) => Object.keys(v.options)))];
  return {
    title: product.title,
    slug: product.slug,
    description: product.description,
    status: product.status === "active" ? "active" : "draft",
    brand: product.brand ?? "",
    optionNames,
    categoryIds: product.categoryIds,
    images: product.images.map((i) => ({ url: i.url, alt: i.alt ?? "" })),
    variants: product.variants.map((v) => ({
      sku: v.sku,
      values: { ...v.options },
      price: fromMinorUnits(v.price),
      compareAtPrice: v.compareAtPrice === null ? "" : fromMinorUnits(v.compareAtPrice),
      currency: isCurrency(v.currency) ? v.currency : "EUR",
    })),
  };
}

/** The service input, or the problems keyed like the service's issue paths (`variants.0.sku`). */
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
  const variants = draft.variants.map((v, i) => {
    const sku = v.sku.trim();
    if (!sku) errors[`variants.${i}.sku`] = "a SKU is required";
    else if (!SKU_RULE.pattern.test(sku) || sku.length > SKU_RULE.maxLength)
      errors[`variants.${i}.sku`] = SKU_RULE.message;
    else if (skus.has(sku)) errors[`variants.${i}.sku`] = "this SKU is used twice";
    skus.add(sku);
    const price = toMinorUnits(v.price);
    if (price === null) errors[`variants.${i}.price`] = "a price like 19.90";
    const compareAt = v.compareAtPrice.trim() ? toMinorUnits(v.compareAtPrice) : null;
    if (v.compareAtPrice.trim() && compareAt === null) errors[`variants.${i}.compareAtPrice`] = "a price like 24.90";
    const options: Record<string, string> = {};
    for (const name of names) {
      const value = (v.values[name] ?? "").trim();
      if (!value) errors[`variants.${i}.options.${name}`] = `a ${name} is required`;
      else options[name] = value;
    }
    return { sku, options, price: price ?? 0, compareAtPrice: compareAt, currency: v.currency };
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
      categoryIds: draft.categoryIds,
      images: draft.images.map((i) => ({ url: i.url.trim(), alt: i.alt.trim() })),
      variants,
    },
  };
}
