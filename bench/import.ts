/**
 * `bun run bench:import`: the product CSV import at 10,000 and 100,000 products (2 variants each,
 * three currencies, a 3-level category path), each file generated row by row into a temp file,
 * then imported from it into a fresh libSQL file, each size in its own process so its peak RSS is
 * its own. Records rows/s, CPU per row and peak RSS (memory must stay flat as the file grows).
 * The ceiling beside it: csv-parse alone reading the same file (no validation, no database).
 * Loopback only, nothing listens: stock columns are left out (they go to inventory over HTTP).
 *
 * Knobs (env): BENCH_IMPORT_SIZES (default "10000,100000").
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "@mercato/catalog/db/schema";
import { fileSource, importProducts } from "@mercato/catalog/import";
import { createDatabase } from "@mercato/db";
import { parse } from "csv-parse";

const HEADER =
  "handle,title,description,status,brand,tax_class,categories,images,sku,options,weight_grams,price_eur,price_gbp,price_usd";

async function writeFile(path: string, products: number): Promise<number> {
  const writer = Bun.file(path).writer();
  writer.write(`${HEADER}\n`);
  let rows = 0;
  for (let i = 0; i < products; i++) {
    const cat = `bench-dept-${i % 10}/bench-aisle-${i % 10}-${i % 7}/bench-shelf-${i % 10}-${i % 7}-${i % 3}`;
    for (const size of ["S", "M"]) {
      const first = size === "S";
      writer.write(
        `bench-import-${i},${first ? `Bench product ${i}` : ""},${first ? `"Product ${i}, for the import benchmark."` : ""},active,${first ? `Brand ${i % 50}` : ""},standard,${first ? cat : ""},${first ? `/media/bench-${i}.svg` : ""},BI-${i}-${size},size=${size},${200 + (i % 300)},${1000 + (i % 9000)},${900 + (i % 8000)},${1100 + (i % 9500)}\n`,
      );
      rows++;
    }
    if (i % 1000 === 999) await writer.flush();
  }
  await writer.end();
  return rows;
}

/** One size, in this process: generate, import, then the parse-only ceiling; prints one JSON line. */
async function measure(products: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "mercato-bench-import-"));
  try {
    const file = join(dir, "products.csv");
    const rows = await writeFile(file, products);
    const db = createDatabase(`file:${join(dir, "catalog.db")}`, schema);
    await db.migrate(fileURLToPath(new URL("../apps/catalog/drizzle", import.meta.url)));
    // The import's peak is its own: sampled from just before it starts, the ceiling measured after.
    Bun.gc(true);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const job = await importProducts(
      { db, relay: { kick() {} }, log: { error: (o: unknown) => console.error(o) }, setStock: null },
      fileSource(file),
      { dryRun: false, strict: false },
    );
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    const parseStart = performance.now();
    let parsed = 0;
    for await (const _ of fileSource(file)
      .open()
      .pipe(parse({ columns: true })))
      parsed++;
    const parseMs = performance.now() - parseStart;
    db.close();
    if (job.status !== "complete" || job.errorCount > 0 || job.counts.created !== products) {
      throw new Error(`import went wrong: ${JSON.stringify({ ...job, errors: job.errors.slice(0, 3) })}`);
    }
    console.log(
      JSON.stringify({
        products,
        rows,
        bytes: Bun.file(file).size,
        seconds: ms / 1000,
        rowsPerSecond: rows / (ms / 1000),
        cpuMicrosPerRow: (cpu.user + cpu.system) / rows,
        rssBeforeMiB: rssBefore / 2 ** 20,
        peakRssMiB: peak / 2 ** 20,
        parseOnlyRowsPerSecond: parsed / (parseMs / 1000),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--one") {
  await measure(Number(process.argv[3]));
} else {
  const sizes = (process.env.BENCH_IMPORT_SIZES ?? "10000,100000").split(",").map(Number);
  console.log("| products | rows | file | time | rows/s | CPU per row | RSS before | peak RSS | csv-parse alone |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const size of sizes) {
    const child = Bun.spawn(["bun", fileURLToPath(import.meta.url), "--one", String(size)], { stderr: "inherit" });
    const out = await new Response(child.stdout).text();
    if ((await child.exited) !== 0) throw new Error(`the ${size} run failed`);
    const r = JSON.parse(out.trim().split("\n").at(-1)!);
    console.log(
      `| ${r.products} | ${r.rows} | ${(r.bytes / 2 ** 20).toFixed(1)} MiB | ${r.seconds.toFixed(1)} s | ${Math.round(r.rowsPerSecond)} | ${Math.round(r.cpuMicrosPerRow)} µs | ${Math.round(r.rssBeforeMiB)} MiB | ${Math.round(r.peakRssMiB)} MiB | ${Math.round(r.parseOnlyRowsPerSecond)} rows/s |`,
    );
  }
}
