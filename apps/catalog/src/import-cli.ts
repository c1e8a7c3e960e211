/**
 * `bun run catalog:import file.csv [--dry-run] [--strict]`: imports a product CSV straight into the
 * catalog's database (DATABASE_URL, default .data/catalog.db), streamed, printing progress and a
 * summary. The running catalog's outbox relay publishes the product events (it polls the outbox).
 * Stock columns are set through inventory (INVENTORY_URL) with the catalog's credential
 * (SERVICE_SIGNING_KEY); without that key a file with stock is refused row by row.
 */
import { fileURLToPath } from "node:url";
import { createDatabase } from "@mercato/db";
import { createServiceSigner } from "@mercato/kit";
import { serviceEntry } from "@mercato/registry";
import { fileSource, importProducts } from "./app/import-products.ts";
import { inventoryStockSetter } from "./app/inventory-stock.ts";
import * as schema from "./db/schema.ts";

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && a !== "--dry-run" && a !== "--strict");
if (!path || unknown.length) {
  console.error("usage: bun run catalog:import <file.csv> [--dry-run] [--strict]");
  process.exit(2);
}
if (!(await Bun.file(path).exists())) {
  console.error(`catalog:import: no file ${path}`);
  process.exit(2);
}

const db = createDatabase(process.env.DATABASE_URL ?? "file:.data/catalog.db", schema);
await db.migrate(fileURLToPath(new URL("../drizzle", import.meta.url)));
const signingKey = process.env.SERVICE_SIGNING_KEY;
const inventoryUrl = process.env.INVENTORY_URL ?? `http://127.0.0.1:${serviceEntry("inventory").port}`;
const setStock = signingKey ? inventoryStockSetter(inventoryUrl, createServiceSigner(signingKey, "catalog")) : null;

const job = await importProducts(
  { db, relay: { kick() {} }, log: { error: (obj: unknown, msg?: string) => console.error(msg ?? "", obj) }, setStock },
  fileSource(path),
  {
    dryRun: args.includes("--dry-run"),
    strict: args.includes("--strict"),
    onProgress: (j) =>
      process.stdout.write(
        `\r${j.phase.padEnd(10)} ${(j.progress * 100).toFixed(0).padStart(3)} %  ${j.counts.rows} rows`,
      ),
  },
);
process.stdout.write("\n");
const c = job.counts;
console.log(
  `${job.dryRun ? "dry run" : job.strict ? "strict import" : "import"} of ${job.fileName}: ${job.status}` +
    `\n  rows ${c.rows} · created ${c.created} · updated ${c.updated} · unchanged ${c.unchanged} · failed ${c.failed}` +
    ` · categories created ${c.categoriesCreated} · stock set ${c.stockSet}`,
);
if (job.failure) console.log(`  failure: ${job.failure}`);
for (const e of job.errors) console.log(`  line ${e.line}, ${e.column}: ${e.message}`);
if (job.errorCount > job.errors.length) console.log(`  … and ${job.errorCount - job.errors.length} more`);
if (job.strict && job.errorCount > 0 && !job.dryRun) console.log("  strict: nothing was imported");
db.close();
process.exit(job.status === "complete" && job.errorCount === 0 ? 0 : 1);
