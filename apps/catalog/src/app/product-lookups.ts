import { and, eq, inArray } from "drizzle-orm";
import type { Currency } from "../contract.ts";
import { loadProducts, priceSets, type ReadDb, type Visibility } from "../db/queries.ts";
import { products, variants } from "../db/schema.ts";
import { categoriesOf, effectivePricesOf, listsInForce } from "./effective-prices.ts";

/**
 * Variants by SKU with their product's title and image: what carts and orders price from, with the
 * variant's whole price set (`prices`), its product's tax class and its weight; `price`,
 * `compareAtPrice` and `currency` are its primary price (EUR, else its first). Only
 * active products' variants unless the caller may see hidden ones (services and admins): drafts and
 * archived products are not public.
 */
export async function variantsBySkus(
  db: ReadDb,
  skus: string[],
  who: Visibility,
  pricing: { group: string | null; now: Date } = { group: null, now: new Date() },
) {
  // Only the columns carts and orders use: every checkout asks twice, and a product's description
  // and attributes are the bulk of its row.
  const rows = await db
    .select({
      sku: variants.sku,
      productId: products.id,
      productSlug: products.slug,
      title: products.title,
      images: products.images,
      options: variants.options,
      price: variants.price,
      compareAtPrice: variants.compareAtPrice,
      currency: variants.currency,
      taxClass: products.taxClass,
      /** A gift card (#27): the cart asks for a recipient, orders issues a card instead of shipping. */
      kind: products.kind,
      weightGrams: variants.weightGrams,
      status: products.status,
      available: variants.available,
      /** The seller of the product (#20; null = the shop): orders records it per line. */
      ownerId: products.ownerId,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      who.includeHidden
        ? inArray(variants.sku, [...new Set(skus)])
        : and(inArray(variants.sku, [...new Set(skus)]), eq(products.status, "active")),
    );
  const [sets, categories] = await Promise.all([
    priceSets(db, { skus: rows.map((r) => r.sku) }),
    categoriesOf(
      db,
      rows.map((r) => r.productId),
    ),
  ]);
  const lists = await listsInForce(
    db,
    rows.map((r) => ({ sku: r.sku, productId: r.productId, categoryIds: categories.get(r.productId) ?? [] })),
    pricing.group,
    pricing.now,
  );
  return rows.map(({ images, ...row }) => {
    const prices = sets.get(row.sku) ?? [];
    return {
      ...row,
      image: images[0] ?? null,
      prices,
      /** What a shopper (of `pricing.group`) pays now in each currency, and the price list behind it (#27). */
      effectivePrices: effectivePricesOf(prices, lists.get(row.sku) ?? [], pricing.group, pricing.now),
    };
  });
}

/**
 * Products by id: active ones for the public, any status for admins and services. With
 * `currency`, priced in it and only those sold in it.
 */
export async function productsByIds(db: ReadDb, ids: string[], who: Visibility, currency?: Currency) {
  const found = await loadProducts(db, [...new Set(ids)], currency);
  return found.filter(
    (p) => (who.includeHidden || p.status === "active") && (!currency || p.currencies.includes(currency)),
  );
}
