import { fileURLToPath } from "node:url";
import { createDatabase, type Database } from "@mercato/db";
import { categorySet } from "../domain/category-tree.ts";
import { fromPrices, optionRows } from "../domain/product-rules.ts";
import * as schema from "./schema.ts";
import { rebuildSearchIndex } from "./search-index.ts";
import { demoPriceSet } from "./seed-data.ts";

/**
 * A large synthetic catalog for benchmarks: `count` active products (a few drafts), 2–6 variants
 * each priced in EUR, GBP and USD (the demo conversion) and weighed, in a 10 × 6 category tree. Bulk-loaded in big transactions of multi-row inserts without
 * events (this is a load, not a shop's history); the search index is rebuilt once at the end.
 * Deterministic: the same count gives the same catalog.
 */
export async function seedBench(db: Database<typeof schema>, count: number): Promise<{ ms: number; products: number }> {
  const started = performance.now();
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const categoryRows: (typeof schema.categories.$inferInsert)[] = [];
  for (const [i, dept] of DEPARTMENTS.entries()) {
    categoryRows.push({ id: `bc-${i}`, parentId: null, slug: `bench-${dept}`, name: title(dept), position: i });
    for (const [j, noun] of NOUNS[i % NOUNS.length]!.entries()) {
      categoryRows.push({
        id: `bc-${i}-${j}`,
        parentId: `bc-${i}`,
        slug: `bench-${dept}-${noun}`,
        name: title(noun),
        position: j,
      });
    }
  }
  await db.write((tx) => tx.insert(schema.categories).values(categoryRows).onConflictDoNothing());

  const [last] = await db.orm.all<{ max: number | null }>("SELECT max(doc_id) AS max FROM products");
  const firstDoc = Number(last?.max ?? 0) + 1;
  const base = Date.UTC(2024, 0, 1);
  const PER_TX = 10_000;
  const ROWS = 500;
  for (let start = 0; start < count; start += PER_TX) {
    const products: (typeof schema.products.$inferInsert)[] = [];
    const variants: (typeof schema.variants.$inferInsert)[] = [];
    const links: (typeof schema.productCategories.$inferInsert)[] = [];
    const options: (typeof schema.productOptions.$inferInsert)[] = [];
    const prices: (typeof schema.variantPrices.$inferInsert)[] = [];
    const fromRows: (typeof schema.productPrices.$inferInsert)[] = [];
    for (let n = start; n < Math.min(count, start + PER_TX); n++) {
      const d = Math.floor(random() * DEPARTMENTS.length);
      const nouns = NOUNS[d % NOUNS.length]!;
      const j = Math.floor(random() * nouns.length);
      const adjective = pick(ADJECTIVES);
      const material = pick(MATERIALS);
      const name = `${title(adjective)} ${title(material)} ${title(nouns[j]!)}`;
      const id = `bp-${String(n).padStart(7, "0")}`;
      const price = 500 + Math.floor(random() * 600) * 50;
      const colours = [pick(COLOURS), pick(COLOURS)].filter((c, k, all) => all.indexOf(c) === k);
      const sizes = SIZES.slice(0, 1 + Math.floor(random() * 3));
      let minPrice = Number.POSITIVE_INFINITY;
      let inStock = false;
      let position = 0;
      // From the index, not the PRNG, so the rest of the catalog stays what it was before weights.
      const weightGrams = 100 + (n % 40) * 50;
      const sets: ReturnType<typeof demoPriceSet>[] = [];
      for (const colour of colours) {
        for (const size of sizes) {
          const variantPrice = price + position * 100;
          const available = random() < 0.6 ? Math.floor(random() * 20) : 0;
          const compareAtPrice = random() < 0.15 ? variantPrice + 1000 : null;
          const sku = `B${n}-${colour.toUpperCase()}-${size}`;
          minPrice = Math.min(minPrice, variantPrice);
          inStock ||= available > 0;
          const set = demoPriceSet(variantPrice, compareAtPrice);
          sets.push(set);
          for (const p of set) prices.push({ sku, ...p });
          variants.push({
            sku,
            productId: id,
            options: { colour: title(colour), size },
            price: variantPrice,
            compareAtPrice,
            currency: "EUR",
            weightGrams: weightGrams + position * 10,
            available,
            position: position++,
          });
        }
      }
      options.push(...optionRows(id, variants.slice(variants.length - position)));
      for (const [currency, min] of fromPrices(sets)) fromRows.push({ productId: id, currency, minPrice: min });
      const categoryIds = [`bc-${d}-${j}`];
      if (random() < 0.2) categoryIds.push(`bc-${(d + 1) % DEPARTMENTS.length}-0`);
      for (const categoryId of categoryIds) links.push({ productId: id, categoryId });
      const createdAt = new Date(base + n * 60_000);
      products.push({
        id,
        docId: firstDoc + n,
        slug: `${slug(name)}-${n}`,
        title: name,
        description: `A ${adjective} ${nouns[j]} in ${material}, from ${pick(BRANDS)}'s ${pick(ADJECTIVES)} line. ${pick(BLURBS)}`,
        status: random() < 0.02 ? "draft" : "active",
        brand: pick(BRANDS),
        images: [{ url: `/media/${slug(name)}.svg`, alt: name }],
        attributes: { material: title(material) },
        minPrice,
        currency: "EUR",
        inStock,
        categorySet: categorySet(categoryIds),
        createdAt,
        updatedAt: createdAt,
      });
    }
    await db.write(async (tx) => {
      for (let i = 0; i < products.length; i += ROWS)
        await tx.insert(schema.products).values(products.slice(i, i + ROWS));
      for (let i = 0; i < variants.length; i += ROWS)
        await tx.insert(schema.variants).values(variants.slice(i, i + ROWS));
      for (let i = 0; i < links.length; i += ROWS)
        await tx.insert(schema.productCategories).values(links.slice(i, i + ROWS));
      for (let i = 0; i < options.length; i += ROWS)
        await tx.insert(schema.productOptions).values(options.slice(i, i + ROWS));
      for (let i = 0; i < prices.length; i += ROWS)
        await tx.insert(schema.variantPrices).values(prices.slice(i, i + ROWS));
      for (let i = 0; i < fromRows.length; i += ROWS)
        await tx.insert(schema.productPrices).values(fromRows.slice(i, i + ROWS));
    });
  }
  await db.write((tx) => rebuildSearchIndex(tx));
  await db.client.execute("ANALYZE");
  return { ms: performance.now() - started, products: count };
}

const title = (s: string) => s.replace(/\b\w/g, (c) => c.toUpperCase());
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** A small seeded PRNG, so every run builds the same catalog. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = [
  "men",
  "women",
  "kids",
  "sport",
  "outdoor",
  "footwear",
  "accessories",
  "home",
  "kitchen",
  "garden",
];
const NOUNS = [
  ["shirt", "jacket", "jeans", "sweater", "coat", "shorts"],
  ["dress", "blouse", "skirt", "cardigan", "trousers", "scarf"],
  ["hoodie", "tee", "leggings", "pyjamas", "raincoat", "beanie"],
  ["shoes", "tights", "vest", "socks", "gloves", "cap"],
  ["tent", "backpack", "boots", "blanket", "lantern", "bottle"],
  ["sneakers", "sandals", "loafers", "slippers", "trainers", "clogs"],
  ["bag", "belt", "wallet", "watch", "sunglasses", "umbrella"],
  ["cushion", "throw", "lamp", "vase", "rug", "candle"],
  ["skillet", "knife", "mug", "bowl", "teapot", "apron"],
  ["planter", "hose", "chair", "bench", "parasol", "trowel"],
] as const;
const ADJECTIVES = [
  "classic",
  "relaxed",
  "slim",
  "vintage",
  "essential",
  "premium",
  "lightweight",
  "heavy",
  "soft",
  "rugged",
  "modern",
  "organic",
  "tailored",
  "cosy",
  "technical",
];
const MATERIALS = [
  "cotton",
  "linen",
  "wool",
  "denim",
  "leather",
  "suede",
  "canvas",
  "fleece",
  "nylon",
  "cashmere",
  "bamboo",
  "ceramic",
  "oak",
  "steel",
];
const COLOURS = ["black", "white", "navy", "grey", "olive", "sand", "red", "blue", "green", "brown", "cream", "pink"];
const SIZES = ["S", "M", "L"];
const BRANDS = Array.from(
  { length: 40 },
  (_, i) =>
    `${["Nord", "Alp", "Harbour", "Indigo", "Stride", "Hearth", "Fjord", "Maison"][i % 8]} ${["Works", "Line", "Co", "Studio", "Supply"][i % 5]}${i >= 40 ? "" : ""} ${i}`,
);
const BLURBS = [
  "Made to last and easy to care for.",
  "Designed in Europe and made in small batches.",
  "A favourite for everyday wear.",
  "Finished by hand for a unique look.",
  "Recycled materials, same quality.",
];

if (import.meta.main) {
  const url = process.env.DATABASE_URL ?? "file:.data/catalog-bench.db";
  const count = Number(process.env.BENCH_PRODUCTS ?? 100_000);
  const db = createDatabase(url, schema);
  await db.migrate(fileURLToPath(new URL("../../drizzle", import.meta.url)));
  const { ms } = await seedBench(db, count);
  console.log(`seeded ${count} products into ${url} in ${(ms / 1000).toFixed(1)} s`);
  db.close();
}
