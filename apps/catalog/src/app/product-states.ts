import { inArray } from "drizzle-orm";
import type { ReadDb } from "../db/queries.ts";
import { productCategories, type products, variantPrices, variants } from "../db/schema.ts";
import type { ProductState } from "../domain/import-rows.ts";

export interface StoredProduct {
  id: string;
  slug: string;
  images: { url: string; alt: string }[];
  state: ProductState;
}

/** Stored products with their variants, price sets and categories, in the CSV's comparable shape (import and export). */
export async function productStates(db: ReadDb, rows: (typeof products.$inferSelect)[]): Promise<StoredProduct[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const vs = await db.select().from(variants).where(inArray(variants.productId, ids)).orderBy(variants.position);
  const prices = vs.length
    ? await db
        .select()
        .from(variantPrices)
        .where(
          inArray(
            variantPrices.sku,
            vs.map((v) => v.sku),
          ),
        )
    : [];
  const cats = await db.select().from(productCategories).where(inArray(productCategories.productId, ids));
  const pricesBySku = groupBy(prices, (p) => p.sku);
  const variantsByProduct = groupBy(vs, (v) => v.productId);
  const catsByProduct = groupBy(cats, (c) => c.productId);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    images: r.images,
    state: {
      title: r.title,
      description: r.description,
      status: r.status,
      brand: r.brand,
      taxClass: r.taxClass,
      categoryIds: (catsByProduct.get(r.id) ?? []).map((c) => c.categoryId),
      imageUrls: r.images.map((i) => i.url),
      variants: (variantsByProduct.get(r.id) ?? []).map((v) => ({
        sku: v.sku,
        options: v.options,
        weightGrams: v.weightGrams,
        prices: (pricesBySku.get(v.sku) ?? []).map((p) => ({
          currency: p.currency,
          amount: p.amount,
          compareAtAmount: p.compareAtAmount,
        })),
      })),
    },
  }));
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const bucket = out.get(k);
    if (bucket) bucket.push(item);
    else out.set(k, [item]);
  }
  return out;
}
