/**
 * The product CSV's rules, pure: a parsed record → a product row or the errors naming its columns,
 * a product's rows → the product to write, whether it differs from what is stored, and the other
 * way round (a stored product → its CSV rows, for the export). No I/O.
 */
import {
  CURRENCIES,
  type Currency,
  EDITABLE_STATUSES,
  type EditableStatus,
  IMPORT_MAX_STOCK,
  type ImportRowError,
  PRODUCT_CSV_HEADER,
  PRODUCT_LIMITS,
  SKU_RULE,
  SLUG_RULE,
  TAX_CLASSES,
  type TaxClass,
  type VariantPrice,
} from "../contract.ts";

/** The product CSV's columns (see PRODUCT_CSV_HEADER in the contract for what each holds). */
export const PRODUCT_CSV_COLUMNS = PRODUCT_CSV_HEADER.split(",") as readonly ProductCsvColumn[];
export type ProductCsvColumn =
  | "handle"
  | "title"
  | "description"
  | "status"
  | "brand"
  | "tax_class"
  | "categories"
  | "images"
  | "sku"
  | "options"
  | "weight_grams"
  | `price_${Lowercase<Currency>}`
  | `compare_at_${Lowercase<Currency>}`
  | "stock";
/** The columns every file must have (the others may be left out). */
export const PRODUCT_CSV_REQUIRED_COLUMNS: readonly ProductCsvColumn[] = ["handle", "title", "sku"];

export const priceColumn = (c: Currency) => `price_${c.toLowerCase()}` as ProductCsvColumn;
export const compareAtColumn = (c: Currency) => `compare_at_${c.toLowerCase()}` as ProductCsvColumn;

export const CATEGORY_SEPARATOR = "|";
export const CATEGORY_PATH_SEPARATOR = "/";
export const IMAGE_SEPARATOR = "|";
export const OPTION_SEPARATOR = ";";

/** The product columns of a row: read from a product's first row. */
export interface ProductFields {
  title: string;
  description: string;
  status: EditableStatus;
  brand: string | null;
  taxClass: TaxClass;
  /** Each a path of category slugs from the top: [["clothing", "shirts"], ["sale"]]. */
  categoryPaths: string[][];
  imageUrls: string[];
}

export interface VariantFields {
  sku: string;
  options: Record<string, string>;
  weightGrams: number | null;
  /** Sorted by currency (CURRENCIES' order). */
  prices: VariantPrice[];
}

export interface ImportRow {
  line: number;
  handle: string;
  product: ProductFields;
  variant: VariantFields;
  /** The on-hand quantity to set in inventory; null leaves it alone. */
  stock: number | null;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; errors: ImportRowError[] };

/** The header's problem (an unknown or missing column, one given twice), or null. */
export function headerProblem(columns: readonly string[]): ImportRowError | null {
  const known = new Set<string>(PRODUCT_CSV_COLUMNS);
  const seen = new Set<string>();
  for (const c of columns) {
    if (!known.has(c)) return { line: 1, column: c, message: `unknown column "${c}"` };
    if (seen.has(c)) return { line: 1, column: c, message: `column "${c}" is given twice` };
    seen.add(c);
  }
  const missing = PRODUCT_CSV_REQUIRED_COLUMNS.find((c) => !seen.has(c));
  if (missing) return { line: 1, column: missing, message: `the file has no "${missing}" column` };
  if (!CURRENCIES.some((c) => seen.has(priceColumn(c)))) {
    return { line: 1, column: priceColumn(CURRENCIES[0]), message: "the file has no price column" };
  }
  return null;
}

/** The header as given, trimmed and lower-cased (csv-parse calls this with the first record). */
export function normaliseHeader(header: readonly string[]): string[] {
  return header.map((h) => h.trim().toLowerCase());
}

const WHOLE_NUMBER = /^\d+$/;

/**
 * A record (column → text) on `line` → its row, or every problem in it, each naming its column.
 * The product's own columns are read on its first row only (`firstOfProduct`); later rows may
 * leave them empty, and what they hold is ignored.
 */
export function parseRow(
  record: Partial<Record<ProductCsvColumn, string>>,
  line: number,
  firstOfProduct = true,
): RowResult {
  const errors: ImportRowError[] = [];
  const productColumns = new Set<ProductCsvColumn>([
    "title",
    "description",
    "status",
    "brand",
    "tax_class",
    "categories",
    "images",
  ]);
  const text = (column: ProductCsvColumn) =>
    !firstOfProduct && productColumns.has(column) ? "" : (record[column] ?? "").trim();
  const fail = (column: ProductCsvColumn, message: string) => errors.push({ line, column, message });
  const bounded = (column: ProductCsvColumn, max: number) => {
    const value = text(column);
    if (value.length > max) fail(column, `at most ${max} characters`);
    return value;
  };
  const wholeNumber = (column: ProductCsvColumn, max: number): number | null => {
    const value = text(column);
    if (value === "") return null;
    if (!WHOLE_NUMBER.test(value)) {
      fail(column, `a whole number is needed, got "${value}"`);
      return null;
    }
    const n = Number(value);
    if (n > max) {
      fail(column, `at most ${max}`);
      return null;
    }
    return n;
  };

  const handle = text("handle");
  if (!handle) fail("handle", "required");
  else if (handle.length > SLUG_RULE.maxLength || !SLUG_RULE.pattern.test(handle)) {
    fail("handle", `"${handle}": ${SLUG_RULE.message}`);
  }
  const title = bounded("title", PRODUCT_LIMITS.title);
  if (!title && firstOfProduct) fail("title", "required");
  const description = bounded("description", PRODUCT_LIMITS.description);
  const statusText = text("status") || "draft";
  const status = (EDITABLE_STATUSES as readonly string[]).includes(statusText) ? (statusText as EditableStatus) : null;
  if (!status) fail("status", `one of ${EDITABLE_STATUSES.join(", ")}, got "${statusText}"`);
  const brand = bounded("brand", PRODUCT_LIMITS.brand) || null;
  const taxText = text("tax_class") || "standard";
  const taxClass = (TAX_CLASSES as readonly string[]).includes(taxText) ? (taxText as TaxClass) : null;
  if (!taxClass) fail("tax_class", `one of ${TAX_CLASSES.join(", ")}, got "${taxText}"`);

  const categoryPaths = splitList(text("categories"), CATEGORY_SEPARATOR).map((path) =>
    path.split(CATEGORY_PATH_SEPARATOR).map((s) => s.trim()),
  );
  if (categoryPaths.length > PRODUCT_LIMITS.categories) fail("categories", `at most ${PRODUCT_LIMITS.categories}`);
  for (const path of categoryPaths) {
    const bad = path.find((s) => !SLUG_RULE.pattern.test(s) || s.length > SLUG_RULE.maxLength);
    if (bad !== undefined) fail("categories", `"${path.join("/")}": each part a slug (${SLUG_RULE.message})`);
  }
  const imageUrls = splitList(text("images"), IMAGE_SEPARATOR);
  if (imageUrls.length > PRODUCT_LIMITS.images) fail("images", `at most ${PRODUCT_LIMITS.images}`);
  for (const url of imageUrls) {
    if (url.length > PRODUCT_LIMITS.imageUrl || !isImageUrl(url)) {
      fail("images", `"${url.slice(0, 80)}" is not an http(s) URL or a /media/ path`);
    }
  }

  const sku = text("sku");
  if (!sku) fail("sku", "required");
  else if (sku.length > SKU_RULE.maxLength || !SKU_RULE.pattern.test(sku)) fail("sku", `"${sku}": ${SKU_RULE.message}`);
  const options: Record<string, string> = {};
  for (const pair of splitList(text("options"), OPTION_SEPARATOR)) {
    const at = pair.indexOf("=");
    const name = at > 0 ? pair.slice(0, at).trim() : "";
    const value = at > 0 ? pair.slice(at + 1).trim() : "";
    if (!name || !value) fail("options", `"${pair}" is not name=value`);
    else if (name.length > PRODUCT_LIMITS.optionName || value.length > PRODUCT_LIMITS.optionValue) {
      fail("options", `"${pair}" is too long`);
    } else if (name in options) fail("options", `"${name}" is given twice`);
    else options[name] = value;
  }
  const weightGrams = wholeNumber("weight_grams", 1_000_000);

  const prices: VariantPrice[] = [];
  for (const currency of CURRENCIES) {
    const amount = moneyCell(record, priceColumn(currency), errors, line);
    const compareAt = moneyCell(record, compareAtColumn(currency), errors, line);
    if (amount === null) {
      if (compareAt !== null) fail(compareAtColumn(currency), `needs ${priceColumn(currency)}`);
      continue;
    }
    prices.push({ currency, amount, compareAtAmount: compareAt });
  }
  if (prices.length === 0 && !errors.some((e) => e.column.startsWith("price_"))) {
    fail(priceColumn(CURRENCIES[0]), "a price in at least one currency is required");
  }
  const stock = wholeNumber("stock", IMPORT_MAX_STOCK);

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    row: {
      line,
      handle,
      product: {
        title,
        description,
        status: status!,
        brand,
        taxClass: taxClass!,
        categoryPaths,
        imageUrls,
      },
      variant: { sku, options, weightGrams, prices },
      stock,
    },
  };
}

/** A price cell: integer minor units ("2999" is 29.99), empty for none. */
function moneyCell(
  record: Partial<Record<ProductCsvColumn, string>>,
  column: ProductCsvColumn,
  errors: ImportRowError[],
  line: number,
): number | null {
  const value = (record[column] ?? "").trim();
  if (value === "") return null;
  if (!WHOLE_NUMBER.test(value) || !Number.isSafeInteger(Number(value))) {
    errors.push({ line, column, message: `integer minor units are needed (2999 for 29.99), got "${value}"` });
    return null;
  }
  return Number(value);
}

function splitList(value: string, separator: string): string[] {
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function isImageUrl(url: string): boolean {
  if (url.startsWith("/media/")) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

/** A product's rows → its variants in file order, or the rows' errors (a SKU twice, too many variants). */
export function variantsOf(rows: readonly ImportRow[]): { variants: VariantFields[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  if (rows.length > PRODUCT_LIMITS.variants) {
    errors.push({
      line: rows[PRODUCT_LIMITS.variants]!.line,
      column: "sku",
      message: `a product has at most ${PRODUCT_LIMITS.variants} variants`,
    });
  }
  return { variants: rows.map((r) => r.variant), errors };
}

/** What the import compares: a product's stored state and the state its rows describe, in one shape. */
export interface ProductState {
  title: string;
  description: string;
  status: string;
  brand: string | null;
  taxClass: string;
  categoryIds: string[];
  imageUrls: string[];
  variants: { sku: string; options: Record<string, string>; weightGrams: number; prices: VariantPrice[] }[];
}

/** What a product's rows ask for: a stored state whose variants may leave the weight unsaid. */
export type WantedState = Omit<ProductState, "variants"> & { variants: VariantFields[] };

/**
 * Whether the rows would change the stored product. A variant's weight left empty keeps the
 * stored one, so it counts as equal; option, category and price order do not matter.
 */
export function sameProduct(stored: ProductState, wanted: WantedState): boolean {
  return (
    canonical(stored) === canonical({ ...wanted, variants: wanted.variants.map((v, i) => keepWeight(v, stored, i)) })
  );
}

function keepWeight(v: VariantFields, stored: ProductState, i: number): ProductState["variants"][number] {
  if (v.weightGrams !== null) return { ...v, weightGrams: v.weightGrams };
  const same = stored.variants[i]?.sku === v.sku ? stored.variants[i] : stored.variants.find((s) => s.sku === v.sku);
  return { ...v, weightGrams: same?.weightGrams ?? 0 };
}

function canonical(s: ProductState): string {
  return JSON.stringify({
    ...s,
    categoryIds: [...s.categoryIds].sort(),
    variants: s.variants.map((v) => ({
      sku: v.sku,
      options: Object.fromEntries(Object.entries(v.options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      weightGrams: v.weightGrams,
      prices: [...v.prices]
        .sort((a, b) => CURRENCIES.indexOf(a.currency) - CURRENCIES.indexOf(b.currency))
        .map((p) => ({ currency: p.currency, amount: p.amount, compareAtAmount: p.compareAtAmount ?? null })),
    })),
  });
}

/** A category name from its slug, for categories the import creates ("summer-sale" → "Summer sale"). */
export function categoryNameOf(slug: string): string {
  const words = slug.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A stored product → its CSV rows (one per variant; the product's columns on every row), for the
 * export. `stock` stays empty: stock is inventory's, and an empty cell leaves it alone on import.
 */
export function productCsvRows(p: {
  handle: string;
  state: ProductState;
  categoryPaths: string[];
}): Record<ProductCsvColumn, string>[] {
  return p.state.variants.map((v) => {
    const row = Object.fromEntries(PRODUCT_CSV_COLUMNS.map((c) => [c, ""])) as Record<ProductCsvColumn, string>;
    row.handle = p.handle;
    row.title = p.state.title;
    row.description = p.state.description;
    row.status = p.state.status;
    row.brand = p.state.brand ?? "";
    row.tax_class = p.state.taxClass;
    row.categories = p.categoryPaths.join(CATEGORY_SEPARATOR);
    row.images = p.state.imageUrls.join(IMAGE_SEPARATOR);
    row.sku = v.sku;
    row.options = Object.entries(v.options)
      .map(([k, value]) => `${k}=${value}`)
      .join(OPTION_SEPARATOR);
    row.weight_grams = String(v.weightGrams);
    for (const price of v.prices) {
      row[priceColumn(price.currency as Currency)] = String(price.amount);
      if (price.compareAtAmount !== null)
        row[compareAtColumn(price.currency as Currency)] = String(price.compareAtAmount);
    }
    return row;
  });
}

/** Each category's path of slugs from the top ("clothing/shirts"), for the export. */
export function categoryPaths(
  rows: readonly { id: string; slug: string; parentId: string | null }[],
): Map<string, string> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, string>();
  for (const row of rows) {
    const parts: string[] = [];
    let at: typeof row | undefined = row;
    // The depth bound guards against a cycle the category rules already refuse.
    for (let depth = 0; at && depth < 50; depth++) {
      parts.unshift(at.slug);
      at = at.parentId ? byId.get(at.parentId) : undefined;
    }
    out.set(row.id, parts.join(CATEGORY_PATH_SEPARATOR));
  }
  return out;
}
