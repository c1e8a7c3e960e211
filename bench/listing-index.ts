/**
 * The listing index against the SQL it replaced (#25), in one process on the bench catalog
 * (seedBench, BENCH_PRODUCTS products, 100,000 by default): the same listings (the whole catalog,
 * three categories, a category with price and stock filters, four searches) answered by
 * `listProducts` with the index and without it, alternately, median of BENCH_REPEAT runs each,
 * page, total and facets included and checked equal. Also the index's full load time and the
 * process's memory after it.
 *
 *   bun bench/listing-index.ts   (BENCH_PRODUCTS=100000 BENCH_REPEAT=7)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminListInput } from "@mercato/catalog/contract";
import { listProducts } from "@mercato/catalog/list-products";
import { listingIndexStore } from "@mercato/catalog/listing-index";
import { catalogService } from "@mercato/catalog/service";
import { createDatabase } from "@mercato/db";
import { seedBenchCatalog } from "./lib/bench-catalog.ts";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);
const LISTINGS: [string, Record<string, unknown>][] = [
  ["whole catalog, newest", { sort: "newest" }],
  ["category men", { category: "bench-men" }],
  ["category women", { category: "bench-women" }],
  ["category kids", { category: "bench-kids" }],
  [
    "category + price + in stock, by price",
    { category: "bench-men", minPrice: 1000, maxPrice: 20000, inStock: true, sort: "price_asc" },
  ],
  ['search "shirt"', { q: "shirt" }],
  ['search "wool jacket"', { q: "wool jacket" }],
  ['search "leather"', { q: "leather" }],
  ['search "vintage boots"', { q: "vintage boots" }],
];

const dir = mkdtempSync(join(tmpdir(), "mercato-bench-index-"));
try {
  const url = `file:${join(dir, "catalog.db")}`;
  const seeded = await seedBenchCatalog(url, PRODUCTS);
  console.log(`${PRODUCTS} products seeded in ${(seeded.ms / 1000).toFixed(1)} s`);
  const db = createDatabase(url, catalogService.def.schema);
  const store = listingIndexStore(db.orm);
  const started = performance.now();
  const index = await store.current();
  const loadMs = performance.now() - started;
  Bun.gc(true);
  console.log(
    `index of ${index.size} products loaded in ${loadMs.toFixed(0)} ms; RSS after ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log("\n| listing | total | SQL ms | index ms | × |\n|---|---:|---:|---:|---:|");
  for (const [name, asked] of LISTINGS) {
    const parsed = adminListInput.parse({ limit: 24, ...asked });
    const sqlMs: number[] = [];
    const indexMs: number[] = [];
    let bySql: unknown;
    let byIndex: unknown;
    for (let i = 0; i < REPEAT; i++) {
      let t = performance.now();
      bySql = await listProducts(db.orm, parsed, { includeHidden: false });
      sqlMs.push(performance.now() - t);
      t = performance.now();
      byIndex = await listProducts(db.orm, parsed, { includeHidden: false, index: store });
      indexMs.push(performance.now() - t);
    }
    if (JSON.stringify(bySql) !== JSON.stringify(byIndex)) throw new Error(`${name}: the index and the SQL disagree`);
    const total = (byIndex as { total: number }).total;
    console.log(
      `| ${name} | ${total} | ${median(sqlMs).toFixed(1)} | ${median(indexMs).toFixed(1)} | ${(median(sqlMs) / median(indexMs)).toFixed(0)} |`,
    );
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
