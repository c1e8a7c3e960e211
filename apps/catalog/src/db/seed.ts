import { fileURLToPath } from "node:url";
import { createDatabase, type Database } from "@mercato/db";
import { createCategoryIn } from "../app/edit-categories.ts";
import { createProductIn } from "../app/edit-products.ts";
import { saveRegionIn } from "../app/save-region.ts";
import { saveRegionInput } from "../contract.ts";
import * as schema from "./schema.ts";
import { DEMO_CATEGORIES, DEMO_PRODUCTS, DEMO_REGIONS, demoVariants } from "./seed-data.ts";

/**
 * Seeds the demo shop unless it is there already (safe on every start). Products are created
 * through the same write path as the admin API, so they are indexed for search and announced with
 * catalog.product.created (inventory gives the new SKUs their demo stock from those events).
 * The demo regions are saved through the admin's write path too, only into a shop that has no
 * region yet (an admin's deleted or edited region is not brought back on the next start).
 * Resolves with how many products were added.
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
          images: [{ url: `/media/${p.slug}.svg`, alt: p.title }],
          attributes: p.attributes,
          categoryIds: p.categorySlugs.map((s) => categoryId.get(s)!),
          taxClass: p.taxClass,
          variants: demoVariants(p, i),
        },
        // A day apart, so "newest" has a meaningful order.
        { correlationId: "seed-demo", createdAt: new Date(start + i * 86_400_000) },
      );
      added++;
    }
    return added;
  });
}

if (import.meta.main) {
  const url = process.env.DATABASE_URL ?? "file:.data/catalog.db";
  const db = createDatabase(url, schema);
  await db.migrate(fileURLToPath(new URL("../../drizzle", import.meta.url)));
  const added = await seedDemo(db);
  console.log(`catalog demo seed: ${added} products added`);
  db.close();
}
