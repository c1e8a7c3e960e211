import { and, eq, inArray } from "drizzle-orm";
import { loadProducts, type ReadDb, type Visibility } from "../db/queries.ts";
import { products, variants } from "../db/schema.ts";

/**
 * Variants by SKU with their product's title and image: what carts and orders price from. Only
 * active products' variants unless the caller may see hidden ones (services and admins): drafts and
 * archived products are not public.
 */
export async function variantsBySkus(db: ReadDb, skus: string[], who: Visibility) {
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
    .where(
      who.includeHidden
        ? inArray(variants.sku, [...new Set(skus)])
        : and(inArray(variants.sku, [...new Set(skus)]), eq(products.status, "active")),
    );
  return rows.map(({ images, ...row }) => ({ ...row, image: images[0] ?? null }));
}

/** Products by id: active ones for the public, any status for admins and services. */
export async function productsByIds(db: ReadDb, ids: string[], who: Visibility) {
  const found = await loadProducts(db, [...new Set(ids)]);
  return who.includeHidden ? found : found.filter((p) => p.status === "active");
}
