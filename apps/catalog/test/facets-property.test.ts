/**
 * Facet counts stay exact (#25): a small catalog built through the real service (real libSQL, real
 * NATS for stock events) takes random writes — creates, edits, price changes, archives, restores,
 * stock changes — and for random filters the listing's total and every facet count must equal a
 * brute-force count over the test's own model of the catalog. The answer served (facet cache
 * included, warmed before the writes) must also equal a cold recomputation without the cache.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { StockChanged } from "@mercato/events";
import fc from "fast-check";
import { listProducts } from "../src/app/list-products.ts";
import { type ListInput, listInput } from "../src/contract.ts";
import { PRICE_BUCKETS } from "../src/domain/price-buckets.ts";
import { eventually, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;

interface ModelVariant {
  sku: string;
  options: Record<string, string>;
  price: number;
  available: number;
}
interface ModelProduct {
  id: string;
  status: "draft" | "active" | "archived";
  brand: string | null;
  categoryIds: string[];
  variants: ModelVariant[];
}
interface ModelCategory {
  id: string;
  slug: string;
  parentId: string | null;
}

/** Everything the test wrote, kept across runs: the catalog under test holds exactly this. */
const products: ModelProduct[] = [];
const categories: ModelCategory[] = [];
let skuSeq = 0;

const BRANDS = ["Acme", "Borealis", "Cobalt"] as const;
const COLOURS = ["Red", "Blue", "Green"] as const;
const SIZES = ["S", "M"] as const;
/** Prices on and around the bucket edges, where an off-by-one would show. */
const PRICES = [0, 999, 2_499, 2_500, 4_999, 5_000, 9_999, 10_000, 20_000, 31_000] as const;

beforeAll(async () => {
  // No demo shop: the catalog holds only what this test wrote.
  h = await startCatalog({ SEED_DEMO: "false" });
  const make = async (name: string, parentId: string | null) => {
    const c = await h.admin.catalog.admin.categories.create.mutate({ name, parentId });
    categories.push({ id: c.id, slug: c.slug, parentId: c.parentId });
    return c.id;
  };
  const apparel = await make("Apparel", null);
  const tops = await make("Tops", apparel);
  await make("Tees", tops);
  await make("Home", null);
}, 60_000);

afterAll(() => h?.dispose());

const subtree = (id: string): string[] => [
  id,
  ...categories.filter((c) => c.parentId === id).flatMap((c) => subtree(c.id)),
];
const minPrice = (p: ModelProduct) => Math.min(...p.variants.map((v) => v.price));
const inStock = (p: ModelProduct) => p.variants.some((v) => v.available > 0);

type Facet = "category" | "price" | "brand" | "inStock" | `option:${string}`;

/** Whether a product is in a filtered listing, every filter applied but `leaveOut`'s. */
function matches(p: ModelProduct, f: ListInput, leaveOut: Facet | null): boolean {
  if (p.status !== "active") return false;
  if (f.category && leaveOut !== "category") {
    const ids = subtree(categories.find((c) => c.slug === f.category)!.id);
    if (!p.categoryIds.some((id) => ids.includes(id))) return false;
  }
  if (leaveOut !== "price") {
    if (f.minPrice !== undefined && minPrice(p) < f.minPrice) return false;
    if (f.maxPrice !== undefined && minPrice(p) > f.maxPrice) return false;
  }
  if (f.brands && leaveOut !== "brand" && (p.brand === null || !f.brands.includes(p.brand))) return false;
  for (const [name, values] of Object.entries(f.options ?? {})) {
    if (leaveOut === `option:${name}`) continue;
    if (!p.variants.some((v) => v.options[name] !== undefined && values.includes(v.options[name]!))) return false;
  }
  if (f.inStock && leaveOut !== "inStock" && !inStock(p)) return false;
  return true;
}

/** The listing's total and facets counted one product at a time from the model. */
function bruteForce(f: ListInput) {
  const all = products.filter((p) => matches(p, f, null));
  const without = (facet: Facet) => products.filter((p) => matches(p, f, facet));
  const brandCounts = new Map<string | null, number>();
  for (const p of without("brand")) brandCounts.set(p.brand, (brandCounts.get(p.brand) ?? 0) + 1);
  const forPrice = without("price");
  const optionNames = [...new Set(products.flatMap((p) => p.variants.flatMap((v) => Object.keys(v.options))))];
  const options = optionNames
    .map((name) => {
      const counted = f.options?.[name] ? without(`option:${name}`) : all;
      const values = [...new Set(products.flatMap((p) => p.variants.map((v) => v.options[name])))].filter(
        (v): v is string => v !== undefined,
      );
      return {
        name,
        values: values
          .map((value) => ({
            value,
            count: counted.filter((p) => p.variants.some((v) => v.options[name] === value)).length,
          }))
          .filter((v) => v.count > 0)
          .sort((a, b) => a.value.localeCompare(b.value)),
      };
    })
    .filter((o) => o.values.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const forCategory = without("category");
  return {
    total: all.length,
    brands: [...brandCounts].map(([value, count]) => ({ value, count })).sort(byValue),
    price: PRICE_BUCKETS.map((b) => ({
      min: b.min,
      max: b.max,
      count: forPrice.filter((p) => minPrice(p) >= b.min && (b.max === null || minPrice(p) < b.max)).length,
    })),
    options,
    inStock: without("inStock").filter(inStock).length,
    categories: categories
      .map((c) => ({
        id: c.id,
        count: forCategory.filter((p) => p.categoryIds.some((id) => subtree(c.id).includes(id))).length,
      }))
      .filter((c) => c.count > 0)
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

const byValue = (a: { value: string | null }, b: { value: string | null }) =>
  String(a.value).localeCompare(String(b.value));

/** The service's answer in the brute force's shape (its orders are checked by the facet tests). */
function served(result: Awaited<ReturnType<typeof listProducts>>) {
  return {
    total: result.total,
    brands: [...result.facets.brands].sort(byValue),
    price: result.facets.price,
    options: result.facets.options,
    inStock: result.facets.inStock,
    categories: result.facets.categories
      .map((c) => ({ id: c.id, count: c.count }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

// --- Random writes.
const variantsArb = fc
  .uniqueArray(
    fc.record({ colour: fc.constantFrom(...COLOURS), size: fc.option(fc.constantFrom(...SIZES), { nil: undefined }) }),
    {
      minLength: 1,
      maxLength: 3,
      selector: (o) => `${o.colour}/${o.size}`,
    },
  )
  .chain((opts) =>
    fc.tuple(
      fc.constant(opts),
      fc.array(fc.constantFrom(...PRICES), { minLength: opts.length, maxLength: opts.length }),
    ),
  );
const brandArb = fc.constantFrom<string | null>(...BRANDS, null);
const categoryPick = fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 2 });
const op = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      brand: brandArb,
      cats: categoryPick,
      variants: variantsArb,
      active: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      at: fc.nat(),
      brand: brandArb,
      cats: categoryPick,
      active: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("price" as const),
      at: fc.nat(),
      prices: fc.array(fc.constantFrom(...PRICES), { minLength: 3, maxLength: 3 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("archive" as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("restore" as const), at: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("stock" as const),
      at: fc.nat(),
      variant: fc.nat(),
      available: fc.nat({ max: 3 }),
    }),
    weight: 3,
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const payloadVariants = (p: ModelProduct) =>
  p.variants.map((v) => ({ sku: v.sku, options: v.options, price: v.price, currency: "EUR" as const }));

/** Applies one write through the service's API and to the model alike. */
async function apply(o: Op, stockSent: Map<string, number>): Promise<void> {
  const admin = h.admin.catalog.admin.products;
  if (o.kind === "create") {
    const [opts, prices] = o.variants;
    const variants: ModelVariant[] = opts.map((opt, i) => ({
      sku: `FP-${++skuSeq}`,
      options: opt.size ? { colour: opt.colour, size: opt.size } : ({ colour: opt.colour } as Record<string, string>),
      price: prices[i]!,
      available: 0,
    }));
    const categoryIds = o.cats.map((i) => categories[i]!.id);
    const created = await h.admin.catalog.admin.products.create.mutate({
      title: `Facet probe ${skuSeq}`,
      status: o.active ? "active" : "draft",
      brand: o.brand,
      categoryIds,
      variants: variants.map((v) => ({ sku: v.sku, options: v.options, price: v.price, currency: "EUR" })),
    });
    products.push({
      id: created.productId,
      status: o.active ? "active" : "draft",
      brand: o.brand,
      categoryIds,
      variants,
    });
    return;
  }
  if (products.length === 0) return;
  const p = products[o.at % products.length]!;
  switch (o.kind) {
    case "edit": {
      if (p.status === "archived") return;
      const categoryIds = o.cats.map((i) => categories[i]!.id);
      const status = o.active ? "active" : "draft";
      await admin.update.mutate({ id: p.id, brand: o.brand, categoryIds, status });
      Object.assign(p, { brand: o.brand, categoryIds, status });
      return;
    }
    case "price": {
      if (p.status === "archived") return;
      p.variants.forEach((v, i) => {
        v.price = o.prices[i]!;
      });
      await admin.update.mutate({ id: p.id, variants: payloadVariants(p) });
      return;
    }
    case "archive":
      if (p.status === "archived") return;
      await admin.archive.mutate({ id: p.id });
      p.status = "archived";
      return;
    case "restore":
      if (p.status !== "archived") return;
      await admin.restore.mutate({ id: p.id });
      p.status = "draft";
      return;
    case "stock": {
      const v = p.variants[o.variant % p.variants.length]!;
      await h.catalog.deps.bus.publish(StockChanged, {
        sku: v.sku,
        onHand: o.available,
        reserved: 0,
        available: o.available,
      });
      v.available = o.available;
      stockSent.set(v.sku, o.available);
      return;
    }
  }
}

/** Stock arrives as events: wait until the catalog has handled the last one sent per SKU. */
async function stockSettled(sent: Map<string, number>): Promise<void> {
  for (const [sku, available] of sent) {
    await eventually(async () => {
      // As staff: a draft's or an archived product's SKUs too.
      const [row] = await h.admin.catalog.products.bySkus.query({ skus: [sku] });
      return row?.available === available ? true : undefined;
    }, 10_000);
  }
}

// --- Random filters, over the values the writes use.
const filterArb = fc
  .record(
    {
      category: fc.constantFrom("apparel", "tops", "tees", "home"),
      minPrice: fc.constantFrom(0, 2_500, 5_000),
      maxPrice: fc.constantFrom(4_999, 9_999, 20_000, 40_000),
      brands: fc.uniqueArray(fc.constantFrom(...BRANDS), { minLength: 1, maxLength: 2 }),
      options: fc.record(
        {
          colour: fc.uniqueArray(fc.constantFrom(...COLOURS), { minLength: 1, maxLength: 2 }),
          size: fc.uniqueArray(fc.constantFrom(...SIZES), { minLength: 1, maxLength: 1 }),
        },
        { requiredKeys: [] },
      ),
      inStock: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  // A crossed range is the caller's error (a 400, tested elsewhere), not a filter.
  .filter((f) => f.minPrice === undefined || f.maxPrice === undefined || f.minPrice <= f.maxPrice);

test("after random writes, totals and facet counts equal a brute-force count, and the cached answer a cold one", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(op, { minLength: 3, maxLength: 8 }),
      fc.array(filterArb, { minLength: 3, maxLength: 5 }),
      async (ops, rawFilters) => {
        const filters = rawFilters.map((f) => listInput.parse({ ...f, limit: 5 }));
        // Warm the facet cache with these very filters, so stale counts would be served after the writes.
        for (const f of filters) await h.shop.catalog.products.list.query(f);
        const stockSent = new Map<string, number>();
        for (const o of ops) await apply(o, stockSent);
        await stockSettled(stockSent);
        for (const f of [listInput.parse({ limit: 5 }), ...filters]) {
          const want = bruteForce(f);
          const answer = await h.shop.catalog.products.list.query(f);
          expect(served(answer as Awaited<ReturnType<typeof listProducts>>)).toEqual(want);
          const cold = await listProducts(h.catalog.deps.db.orm, f, { includeHidden: false });
          expect(served(cold)).toEqual(want);
          // The page is the filtered set's first products, all of them in it.
          const ids = new Set(products.filter((p) => matches(p, f, null)).map((p) => p.id));
          expect(answer.items.length).toBe(Math.min(5, ids.size));
          for (const item of answer.items) expect(ids.has(item.id)).toBe(true);
        }
      },
    ),
    { numRuns: 30, endOnFailure: true },
  );
  expect(products.length).toBeGreaterThan(5);
}, 120_000);
