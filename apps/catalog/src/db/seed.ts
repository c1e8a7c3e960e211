import { fileURLToPath } from "node:url";
import { DEMO_SELLERS } from "@mercato/access";
import { createDatabase, type Database } from "@mercato/db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createCategoryIn } from "../app/edit-categories.ts";
import { createProductIn } from "../app/edit-products.ts";
import { saveRegionIn } from "../app/save-region.ts";
import { saveRegionInput } from "../contract.ts";
import * as schema from "./schema.ts";
import { DEMO_CATEGORIES, DEMO_PRODUCTS, DEMO_REGIONS, demoVariants } from "./seed-data.ts";
import { seedLegalPages } from "./seed-legal-pages.ts";
import type { CatalogTx } from "./tx.ts";

/**
 * Seeds the demo shop unless it is there already (safe on every start). Products are created
 * through the same write path as the admin API, so they are indexed for search and announced with
 * catalog.product.created (inventory gives the new SKUs their demo stock from those events).
 * The demo regions are saved through the admin's write path too, only into a shop that has no
 * region yet (an admin's deleted or edited region is not brought back on the next start).
 * Demo products seeded before price sets get their missing currencies' prices and their weights
 * (what an admin priced or weighed stays). Resolves with how many products were added.
 */
export async function seedDemo(db: Database<typeof schema>): Promise<number> {
  const existingCategories = new Set(
    (await db.orm.select({ id: schema.categories.id }).from(schema.categories)).map((c) => c.id),
  );
  const existingProducts = new Set(
    (await db.orm.select({ slug: schema.products.slug }).from(schema.products)).map((p) => p.slug),
  );
  const categoryId = new Map(DEMO_CATEGORIES.map((c) => [c.slug, c.id]));
  const start = Date.UTC(2026, 0, 1);
  const noRegions = (await db.orm.select({ id: schema.regions.id }).from(schema.regions).limit(1)).length === 0;
  return db.write(async (tx) => {
    if (noRegions) for (const region of DEMO_REGIONS) await saveRegionIn(tx, saveRegionInput.parse(region));
    for (const c of DEMO_CATEGORIES) {
      if (!existingCategories.has(c.id))
        await createCategoryIn(tx, { name: c.name, slug: c.slug, parentId: c.parentId, position: c.position }, c.id);
    }
    await completeDemoPrices(tx);
    await seedLegalPages(tx);
    let added = 0;
    for (const [i, p] of DEMO_PRODUCTS.entries()) {
      if (existingProducts.has(p.slug)) continue;
      await createProductIn(
        tx,
        {
          title: p.title,
          slug: p.slug,
          description: p.description,
          status: "active",
          brand: p.brand,
          // Three pictures each, so the product page's gallery (thumbnails, swipe, zoom) has something to show.
          images: [
            { url: `/media/${p.slug}.svg`, alt: p.title },
            { url: `/media/${p.slug}-back.svg`, alt: `${p.title}, back` },
            { url: `/media/${p.slug}-detail.svg`, alt: `${p.title}, detail` },
          ],
          attributes: p.attributes,
          categoryIds: p.categorySlugs.map((s) => categoryId.get(s)!),
          taxClass: p.taxClass,
          variants: demoVariants(p, i),
        },
        // A day apart, so "newest" has a meaningful order. Two are the demo sellers' (#20).
        {
          correlationId: "seed-demo",
          createdAt: new Date(start + i * 86_400_000),
          ownerId: DEMO_SELLERS.find((s) => s.productSlug === p.slug)?.id ?? null,
        },
      );
      added++;
    }
    return added;
  });
}

/**
 * Gives demo variants of an older database the demo prices of the currencies their price set
 * lacks and their demo weight when they have none, then recomputes those products' from-prices.
 * Does nothing (one query) once every demo variant has all three prices.
 */
async function completeDemoPrices(tx: CatalogTx): Promise<void> {
  const demo = new Map(DEMO_PRODUCTS.flatMap((p, i) => demoVariants(p, i).map((v) => [v.sku, v] as const)));
  const lacking = await tx
    .select({
      sku: schema.variants.sku,
      productId: schema.variants.productId,
      weightGrams: schema.variants.weightGrams,
    })
    .from(schema.variants)
    .where(
      and(
        inArray(schema.variants.sku, [...demo.keys()]),
        sql`(SELECT count(*) FROM variant_prices p WHERE p.sku = ${schema.variants.sku}) < ${3}`,
      ),
    );
  if (lacking.length === 0) return;
  for (const row of lacking) {
    const v = demo.get(row.sku)!;
    await tx
      .insert(schema.variantPrices)
      .values(v.prices.map((p) => ({ sku: v.sku, ...p })))
      .onConflictDoNothing();
    if (row.weightGrams === 0) {
      await tx.update(schema.variants).set({ weightGrams: v.weightGrams }).where(eq(schema.variants.sku, v.sku));
    }
  }
  const ids = [...new Set(lacking.map((r) => r.productId))];
  await tx.delete(schema.productPrices).where(inArray(schema.productPrices.productId, ids));
  await tx.run(sql`INSERT INTO product_prices (product_id, currency, min_price, status, brand, in_stock, category_set, created_at)
    SELECT v.product_id, vp.currency, min(vp.amount), p.status, p.brand, p.in_stock, p.category_set, p.created_at
    FROM variant_prices vp JOIN variants v ON v.sku = vp.sku JOIN products p ON p.id = v.product_id
    WHERE v.product_id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) GROUP BY v.product_id, vp.currency`);
}

if (import.meta.main) {
  const url = process.env.DATABASE_URL ?? "file:.data/catalog.db";
  const db = createDatabase(url, schema);
  await db.migrate(fileURLToPath(new URL("../../drizzle", import.meta.url)));
  const added = await seedDemo(db);
  console.log(`catalog demo seed: ${added} products added`);
  db.close();
}
