import { TRPCError } from "@trpc/server";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { productCategories, products, variants } from "../db/schema.ts";
import { breadcrumbs } from "../domain/category-tree.ts";
import { allCategories } from "./categories.ts";
import type { ReadDb } from "./db.ts";

export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;

/** Who is looking: the public sees active products only; admins and services see every status. */
export interface Visibility {
  includeHidden: boolean;
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

async function productIdBy(
  db: ReadDb,
  column: typeof products.slug | typeof products.id,
  value: string,
  who: Visibility,
) {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(who.includeHidden ? eq(column, value) : and(eq(column, value), eq(products.status, "active")));
  return row?.id;
}

/** One product page: the product, its categories and the breadcrumb path of its first category. */
export async function productBySlug(db: ReadDb, slug: string, who: Visibility) {
  const id = await productIdBy(db, products.slug, slug, who);
  const [product] = id ? await loadProducts(db, [id]) : [];
  if (!product) throw new TRPCError({ code: "NOT_FOUND", message: `slug: no product "${slug}"` });
  return withCategories(db, product);
}

export async function productById(db: ReadDb, id: string) {
  const [product] = await loadProducts(db, [id]);
  if (!product) throw new TRPCError({ code: "NOT_FOUND", message: `id: no product "${id}"` });
  return withCategories(db, product);
}

async function withCategories(db: ReadDb, product: ProductWithVariants) {
  const cats = await allCategories(db);
  const primary = product.categoryIds[0];
  return {
    ...product,
    categories: cats.filter((c) => product.categoryIds.includes(c.id)),
    breadcrumbs: primary ? breadcrumbs(cats, primary) : [],
  };
}

/** Variants by SKU with their product's title and image: what carts and orders price from. */
export async function variantsBySkus(db: ReadDb, skus: string[]) {
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
      status: products.status,
      available: variants.available,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(inArray(variants.sku, [...new Set(skus)]));
  return rows.map(({ images, ...row }) => ({ ...row, image: images[0] ?? null }));
}

export async function productsByIds(db: ReadDb, ids: string[], who: Visibility) {
  const found = await loadProducts(db, [...new Set(ids)]);
  return who.includeHidden ? found : found.filter((p) => p.status === "active");
}

/**
 * Products to show beside one: those sharing most of its categories first, then its brand, newest
 * first among equals. Active products only.
 */
export async function relatedProducts(db: ReadDb, slug: string, limit: number) {
  const source = await productIdBy(db, products.slug, slug, { includeHidden: false });
  if (!source) throw new TRPCError({ code: "NOT_FOUND", message: `slug: no product "${slug}"` });
  const rows = await db.all<{ id: string }>(sql`
    WITH src_cats AS (SELECT category_id FROM product_categories WHERE product_id = ${source}),
         src AS (SELECT brand FROM products WHERE id = ${source})
    SELECT p.id AS id
    FROM products p
    WHERE p.status = 'active' AND p.id <> ${source}
      AND (p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id IN (SELECT category_id FROM src_cats))
           OR p.brand = (SELECT brand FROM src))
    ORDER BY
      (SELECT count(*) FROM product_categories pc WHERE pc.product_id = p.id AND pc.category_id IN (SELECT category_id FROM src_cats)) DESC,
      (p.brand IS (SELECT brand FROM src)) DESC,
      p.created_at DESC, p.id DESC
    LIMIT ${limit}`);
  return loadProducts(
    db,
    rows.map((r) => r.id),
  );
}
