import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { Currency, VariantPrice } from "../contract.ts";
import { ratingSummaries } from "./review-queries.ts";
import type * as schema from "./schema.ts";
import { type categories, productCategories, productPrices, products, variantPrices, variants } from "./schema.ts";

/**
 * Any asynchronous drizzle database over the catalog's schema: libSQL in the service, D1 in the
 * edge worker. Read queries take this so they run unchanged in both.
 */
export type ReadDb = BaseSQLiteDatabase<"async", unknown, typeof schema>;

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;

/**
 * A read built once per database and run many times (drizzle's `.prepare()`): for a page of 24
 * products, building the SQL of `select()` over a wide table cost more than running it (~1.5 ms
 * against ~0.4 ms, #25). Kept per database object, as the service and the edge each have theirs.
 */
export function preparedRead<T>(build: (db: ReadDb) => T): (db: ReadDb) => T {
  const built = new WeakMap<ReadDb, T>();
  return (db) => {
    const found = built.get(db);
    if (found) return found;
    const made = build(db);
    built.set(db, made);
    return made;
  };
}

/** `column IN (the ids)` with the ids bound as one JSON array (`ids`), so the statement's text never varies. */
export const inIds = (column: Parameters<typeof eq>[0]): SQL =>
  sql`${column} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`;

/** Who is looking: the public sees active products only; admins and services see every status. */
export interface Visibility {
  includeHidden: boolean;
}

/**
 * The price sets of these SKUs (or of every variant of these products), each in currency order.
 * By product when loading products: a page's SKUs can outnumber D1's 100 bound parameters.
 */
export async function priceSets(db: ReadDb, of: { skus: string[] } | { productIds: string[] }) {
  const out = new Map<string, VariantPrice[]>();
  const rows =
    "skus" in of
      ? of.skus.length === 0
        ? []
        : await db
            .select()
            .from(variantPrices)
            .where(inArray(variantPrices.sku, of.skus))
            .orderBy(asc(variantPrices.sku), asc(variantPrices.currency))
      : await db
          .select({
            sku: variantPrices.sku,
            currency: variantPrices.currency,
            amount: variantPrices.amount,
            compareAtAmount: variantPrices.compareAtAmount,
          })
          .from(variantPrices)
          .innerJoin(variants, eq(variants.sku, variantPrices.sku))
          .where(inArray(variants.productId, of.productIds))
          .orderBy(asc(variantPrices.sku), asc(variantPrices.currency));
  for (const { sku, ...price } of rows) out.set(sku, [...(out.get(sku) ?? []), price]);
  return out;
}

const productsByIds = preparedRead((db) => db.select().from(products).where(inIds(products.id)).prepare());
const variantsByProducts = preparedRead((db) =>
  db
    .select()
    .from(variants)
    .where(inIds(variants.productId))
    .orderBy(asc(variants.productId), asc(variants.position))
    .prepare(),
);
const categoryLinksByProducts = preparedRead((db) =>
  db.select().from(productCategories).where(inIds(productCategories.productId)).prepare(),
);
const fromPricesByProducts = preparedRead((db) =>
  db
    .select({ productId: productPrices.productId, currency: productPrices.currency, minPrice: productPrices.minPrice })
    .from(productPrices)
    .where(inIds(productPrices.productId))
    .orderBy(asc(productPrices.productId), asc(productPrices.currency))
    .prepare(),
);
const pricesInCurrencyByProducts = preparedRead((db) =>
  db
    .select({ sku: variantPrices.sku, amount: variantPrices.amount, compareAtAmount: variantPrices.compareAtAmount })
    .from(variantPrices)
    .innerJoin(variants, eq(variants.sku, variantPrices.sku))
    .where(and(inIds(variants.productId), eq(variantPrices.currency, sql.placeholder("currency"))))
    .prepare(),
);

/** The rows every product read starts from, for these ids. */
async function productRows(db: ReadDb, ids: string[]) {
  const bound = { ids: JSON.stringify(ids) };
  const [rows, variantRows, links, fromRows, ratings] = await Promise.all([
    productsByIds(db).all(bound),
    variantsByProducts(db).all(bound),
    categoryLinksByProducts(db).all(bound),
    fromPricesByProducts(db).all(bound),
    ratingSummaries(db, ids),
  ]);
  const byId = new Map(rows.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    const { docId: _searchKey, categorySet: _facetKey, ...product } = p;
    const from = fromRows.filter((r) => r.productId === id);
    return [
      {
        product: { ...product, rating: ratings.get(id)! },
        from,
        variants: variantRows.filter((v) => v.productId === id),
        categoryIds: links.filter((l) => l.productId === id).map((l) => l.categoryId),
      },
    ];
  });
}

/**
 * Products with their variants (each with its whole price set), category ids and the currencies
 * they sell in, in the order of `ids`: the product page, the admin editor, byIds.
 *
 * With `currency`, prices are in that currency: the product's `minPrice`/`currency` are its
 * from-price there, each variant's `price`/`compareAtPrice`/`currency` its entry there, and
 * variants without a price in it are left out (a product not sold in it at all has no variants
 * and keeps its primary from-price; `currencies` says where it sells). Without `currency`, every
 * variant with its primary price (EUR, else its first).
 */
export async function loadProducts(db: ReadDb, ids: string[], currency?: Currency) {
  if (ids.length === 0) return [];
  const [found, sets] = await Promise.all([productRows(db, ids), priceSets(db, { productIds: ids })]);
  return found.map(({ product, from, variants: rows, categoryIds }) => {
    const inCurrency = currency ? from.find((r) => r.currency === currency) : undefined;
    return {
      ...product,
      ...(inCurrency ? { minPrice: inCurrency.minPrice, currency: inCurrency.currency } : {}),
      /** The currencies some variant of the product has a price in. */
      currencies: from.map((r) => r.currency),
      variants: rows.flatMap((v) => {
        const prices = sets.get(v.sku) ?? [];
        if (!currency) return [{ ...v, prices }];
        const price = prices.find((x) => x.currency === currency);
        if (!price) return [];
        return [{ ...v, price: price.amount, compareAtPrice: price.compareAtAmount, currency, prices }];
      }),
      categoryIds,
    };
  });
}
export type ProductWithVariants = Awaited<ReturnType<typeof loadProducts>>[number];

/**
 * Listing cards: products as loadProducts answers them in `currency`, without each variant's
 * whole price set (a listing page shows one currency; reading and sending three prices per
 * variant doubled a page's bytes). Only the variants priced in `currency`.
 */
export async function loadSummaries(db: ReadDb, ids: string[], currency: Currency) {
  if (ids.length === 0) return [];
  const [found, priced] = await Promise.all([
    productRows(db, ids),
    pricesInCurrencyByProducts(db).all({ ids: JSON.stringify(ids), currency }),
  ]);
  const price = new Map(priced.map((p) => [p.sku, p]));
  return found.map(({ product, from, variants: rows, categoryIds }) => {
    const inCurrency = from.find((r) => r.currency === currency);
    return {
      ...product,
      ...(inCurrency ? { minPrice: inCurrency.minPrice, currency } : {}),
      currencies: from.map((r) => r.currency),
      variants: rows.flatMap((v) => {
        const p = price.get(v.sku);
        return p ? [{ ...v, price: p.amount, compareAtPrice: p.compareAtAmount, currency }] : [];
      }),
      categoryIds,
    };
  });
}
export type ProductSummary = Awaited<ReturnType<typeof loadSummaries>>[number];
