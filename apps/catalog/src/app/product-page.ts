import { notFound } from "@mercato/kit/errors";
import { and, eq, sql } from "drizzle-orm";
import { type Currency, PRIMARY_CURRENCY } from "../contract.ts";
import { loadProducts, loadSummaries, type ProductWithVariants, type ReadDb, type Visibility } from "../db/queries.ts";
import { allCategories } from "../db/reference-data.ts";
import { products } from "../db/schema.ts";
import { breadcrumbs } from "../domain/category-tree.ts";

/**
 * One product page: the product, its categories and the breadcrumb path of its first category,
 * priced in `currency` (EUR when absent): variants not priced in it are left out, so a product not
 * sold in it has no variants (its `currencies` say where it sells).
 */
export async function productBySlug(db: ReadDb, slug: string, who: Visibility, currency: Currency = PRIMARY_CURRENCY) {
  const id = await productIdBySlug(db, slug, who);
  const [product] = id ? await loadProducts(db, [id], currency) : [];
  if (!product) throw notFound("slug", `no product "${slug}"`);
  return withCategories(db, product);
}

/** The admin editor's product, whatever its status: every variant, with primary prices and price sets. */
export async function productById(db: ReadDb, id: string) {
  const [product] = await loadProducts(db, [id]);
  if (!product) throw notFound("id", `no product "${id}"`);
  return withCategories(db, product);
}

/**
 * Products to show beside one: those sharing most of its categories first, then its brand, newest
 * first among equals. Active products sold in `currency` only (EUR when absent), priced in it.
 */
export async function relatedProducts(db: ReadDb, slug: string, limit: number, currency: Currency = PRIMARY_CURRENCY) {
  const source = await productIdBySlug(db, slug, { includeHidden: false });
  if (!source) throw notFound("slug", `no product "${slug}"`);
  const rows = await db.all<{ id: string }>(sql`
    WITH src_cats AS (SELECT category_id FROM product_categories WHERE product_id = ${source}),
         src AS (SELECT brand FROM products WHERE id = ${source})
    SELECT p.id AS id
    FROM products p JOIN product_prices pp ON pp.product_id = p.id AND pp.currency = ${currency}
    WHERE p.status = 'active' AND p.id <> ${source}
      AND (p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id IN (SELECT category_id FROM src_cats))
           OR p.brand = (SELECT brand FROM src))
    ORDER BY
      (SELECT count(*) FROM product_categories pc WHERE pc.product_id = p.id AND pc.category_id IN (SELECT category_id FROM src_cats)) DESC,
      (p.brand IS (SELECT brand FROM src)) DESC,
      p.created_at DESC, p.id DESC
    LIMIT ${limit}`);
  return loadSummaries(
    db,
    rows.map((r) => r.id),
    currency,
  );
}

async function productIdBySlug(db: ReadDb, slug: string, who: Visibility): Promise<string | undefined> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(who.includeHidden ? eq(products.slug, slug) : and(eq(products.slug, slug), eq(products.status, "active")));
  return row?.id;
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
