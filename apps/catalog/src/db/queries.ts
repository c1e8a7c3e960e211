import { and, asc, eq, inArray } from "drizzle-orm";
import type { CatalogDeps } from "../deps.ts";
import { categories, productCategories, products, variants } from "./schema.ts";

type Db = CatalogDeps["db"];
export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;

/** Products with their variants and category ids, in the order of `ids`. */
export async function loadProducts(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const [rows, variantRows, links] = await Promise.all([
    db.orm.select().from(products).where(inArray(products.id, ids)),
    db.orm
      .select()
      .from(variants)
      .where(inArray(variants.productId, ids))
      .orderBy(asc(variants.productId), asc(variants.position)),
    db.orm.select().from(productCategories).where(inArray(productCategories.productId, ids)),
  ]);
  const byId = new Map(rows.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    return [
      {
        ...p,
        variants: variantRows.filter((v) => v.productId === id),
        categoryIds: links.filter((l) => l.productId === id).map((l) => l.categoryId),
      },
    ];
  });
}

export async function productIdBySlug(db: Db, slug: string, includeHidden: boolean) {
  const [row] = await db.orm
    .select({ id: products.id })
    .from(products)
    .where(includeHidden ? eq(products.slug, slug) : and(eq(products.slug, slug), eq(products.status, "active")));
  return row?.id;
}

export async function allCategories(db: Db): Promise<CategoryRow[]> {
  return db.orm.select().from(categories).orderBy(asc(categories.position), asc(categories.name));
}
