import { asc, inArray } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.ts";
import { categories, productCategories, products, variants } from "./schema.ts";

/**
 * Any asynchronous drizzle database over the catalog's schema: libSQL in the service, D1 in the
 * edge worker. Read queries take this so they run unchanged in both.
 */
export type ReadDb = BaseSQLiteDatabase<"async", unknown, typeof schema>;

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;

/** Who is looking: the public sees active products only; admins and services see every status. */
export interface Visibility {
  includeHidden: boolean;
}

/** Every category, in display order (position, then name). */
export async function allCategories(db: ReadDb): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.name));
}

/** Products with their variants and category ids, in the order of `ids`. */
export async function loadProducts(db: ReadDb, ids: string[]) {
  if (ids.length === 0) return [];
  const [rows, variantRows, links] = await Promise.all([
    db.select().from(products).where(inArray(products.id, ids)),
    db
      .select()
      .from(variants)
      .where(inArray(variants.productId, ids))
      .orderBy(asc(variants.productId), asc(variants.position)),
    db.select().from(productCategories).where(inArray(productCategories.productId, ids)),
  ]);
  const byId = new Map(rows.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    const { docId: _searchKey, categorySet: _facetKey, ...product } = p;
    return [
      {
        ...product,
        variants: variantRows.filter((v) => v.productId === id),
        categoryIds: links.filter((l) => l.productId === id).map((l) => l.categoryId),
      },
    ];
  });
}
export type ProductWithVariants = Awaited<ReturnType<typeof loadProducts>>[number];
