/**
 * `bun run bench`: the whole platform in production mode on loopback (private NATS and Redis, the
 * catalog loaded with 100,000 benchmark products), bounded scenarios measured with one load
 * generator, the books checked at the end, and the results written into docs/PERFORMANCE.md
 * between `<!-- bench:start -->` and `<!-- bench:end -->`. Exits non-zero when the books are off.
 *
 * Knobs (env): BENCH_SECONDS (per scenario, default 10), BENCH_CONCURRENCY (HTTP reads, 32),
 * BENCH_SHOPPERS (checkout, 32), BENCH_PRODUCTS (100000), BENCH_WRITE_DOCS=false to only print.
 */
import { join } from "node:path";
import { startBare } from "./lib/bare.ts";
import { booksTable, checkBooks, stockOf } from "./lib/books.ts";
import { httpLoad, type LoadResult } from "./lib/load.ts";
import { MemorySampler } from "./lib/memory.ts";
import { startPlatform } from "./lib/platform.ts";
import { cpuMsOf, memoryOf, ROOT } from "./lib/proc.ts";
import { machine, writeSection } from "./lib/report.ts";
import { type Attempt, runShoppers, StatusWatch } from "./lib/shopper.ts";
import { mib, ms, summarize } from "./lib/stats.ts";
import { sellableSkus, setStock } from "./lib/stock.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 32);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const CONTENDERS = 64;
const SCARCE_STOCK = 25;
const PLENTY = 10_000;
const SETTLE_MS = 15_000;

const trpcGet = (base: string, path: string, input: unknown) =>
  `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

console.log(`Mercato benchmark: ${machine()}`);
console.log(
  "load generator: a fixed-concurrency Bun fetch loop in its own process (bench/lib/loadgen.ts); wrk is not used, so numbers compare with the other bench/*.ts",
);
const started = performance.now();
const p = await startPlatform({ products: PRODUCTS, uncachedGateway: true });
let failed = false;
try {
  const everyProcess = () => [
    ...Object.values(p.services).map((m) => ({ name: m.name, pid: m.proc.pid })),
    { name: p.gateway.name, pid: p.gateway.proc.pid },
  ];
  await Bun.sleep(1_000); // let start-up work (seeds, first relays) finish before "idle"
  const idle = new Map(everyProcess().map(({ name, pid }) => [name, memoryOf(pid).rssKib]));
  const sampler = new MemorySampler(everyProcess);
  sampler.start();

  // --- Reads: the ceiling, then the catalog through the gateway.
  const firstPagePath = ["catalog.products.list", { limit: 24 }] as const;
  const hitUrl = trpcGet(p.gateway.url, ...firstPagePath);
  const missGateway = p.uncachedGateway!.url;
  const sample = await fetch(hitUrl);
  const body = new Uint8Array(await sample.arrayBuffer());
  if (sample.status !== 200) throw new Error(`the first page answered ${sample.status}`);
  const bare = await startBare(body, sample.headers.get("content-type") ?? "application/json");
  const hitDeadline = Date.now() + 10_000;
  while ((await fetch(hitUrl)).headers.get("x-cache") !== "HIT") {
    if (Date.now() > hitDeadline) throw new Error("the gateway never served the first page from its cache");
    await Bun.sleep(100);
  }
  const searches = ["shirt", "linen", "wool jacket", "blue", "relaxed cotton", "lamp", "organic", "classic dress"].map(
    (q) => trpcGet(missGateway, "catalog.products.list", { q, limit: 24 }),
  );
  const slugs: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const list = await p.shop.catalog.products.list.query({ limit: 100, ...(cursor ? { cursor } : {}) });
    slugs.push(...list.items.map((i) => i.slug));
    cursor = list.nextCursor ?? undefined;
    if (!cursor) break;
  }
  const productPages = slugs.map((slug) => trpcGet(missGateway, "catalog.products.bySlug", { slug }));
  const reads: [string, string[]][] = [
    [`bare Bun.serve (same ${body.byteLength} bytes)`, [bare.url]],
    ["catalog first page, gateway cache hit", [hitUrl]],
    ["catalog first page, gateway cache miss (cache off)", [trpcGet(missGateway, ...firstPagePath)]],
    [`search, ${searches.length} queries (cache off)`, searches],
    [`product page, ${productPages.length} products (cache off)`, productPages],
  ];
  const readResults: LoadResult[] = [];
  // CPU per request of every catalog instance together and of both gateways (the cached one
  // answers hits, the other misses), from /proc around the measured seconds only: the warm-up
  // runs as its own load first.
  const catalogs = p.replicas.catalog.map((c) => c.proc.pid);
  const gateways = [p.gateway.proc.pid, p.uncachedGateway!.proc.pid];
  const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  const readCpu: { catalog: number; gateway: number }[] = [];
  for (const [target, urls] of reads) {
    console.log(`… ${target}`);
    await httpLoad({ target, urls, seconds: 1, concurrency: 4, warmupSeconds: 0 });
    const before = { catalog: cpuOf(catalogs), gateway: cpuOf(gateways) };
    const result = await httpLoad({ target, urls, seconds: SECONDS, concurrency: CONCURRENCY, warmupSeconds: 0 });
    readResults.push(result);
    readCpu.push({
      catalog: (cpuOf(catalogs) - before.catalog) / result.requests,
      gateway: (cpuOf(gateways) - before.gateway) / result.requests,
    });
  }
  await bare.stop();

  // --- Checkout to PAID, then contention on one scarce SKU.
  const skus = await sellableSkus(p, 9);
  const scarce = skus[0]!;
  const plenty = skus.slice(1);
  for (const sku of plenty) await setStock(p, sku, PLENTY);
  await setStock(p, scarce, SCARCE_STOCK);
  const before = await stockOf(p, skus);
  const watch = new StatusWatch(p);
  await Bun.sleep(300); // the feed's SSE connection is open before the first order
  const opts = { retryMs: 0, settleMs: SETTLE_MS };
  console.log(`… checkout, ${SHOPPERS} shoppers`);
  const checkout = await runShoppers(p, watch, {
    ...opts,
    shoppers: SHOPPERS,
    seconds: SECONDS,
    label: "checkout",
    skuFor: (n, i) => plenty[(n + i) % plenty.length]!,
  });
  console.log(`… contention, ${CONTENDERS} shoppers on ${SCARCE_STOCK} units`);
  const contentionStart = performance.now();
  const contention = await runShoppers(p, watch, {
    ...opts,
    shoppers: CONTENDERS,
    seconds: SECONDS,
    label: "contention",
    skuFor: () => scarce,
    stopWhenRefused: true,
  });
  const scarcePaid = contention.attempts.filter((a) => a.outcome === "paid");
  const contentionMs = performance.now() - contentionStart;
  sampler.stop();
  const underLoad = new Map(sampler.peakKib);
  const hwm = new Map(everyProcess().map(({ name, pid }) => [name, memoryOf(pid).hwmKib]));
  watch.close();

  const attempts: Attempt[] = [...checkout.attempts, ...contention.attempts];
  console.log("… the books");
  const books = await checkBooks(p, { attempts, before, waitMs: SETTLE_MS });
  failed = books.violations.length > 0;

  // --- The report.
  const ceiling = readResults[0]!.rps;
  const out: string[] = [];
  out.push(`Machine: ${machine()}. Shared with other work while it ran: treat the numbers as noisy.`);
  out.push(
    `Command: \`bun run bench\` (BENCH_SECONDS=${SECONDS}, BENCH_CONCURRENCY=${CONCURRENCY}, BENCH_SHOPPERS=${SHOPPERS}, BENCH_PRODUCTS=${PRODUCTS}); whole run ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
  out.push(
    `Platform: 7 services + gateway, each its own process, NODE_ENV=test, LOG_LEVEL=warn, private nats-server and redis-server, loopback; catalog with ${PRODUCTS.toLocaleString("en")} benchmark products plus the demo shop. Load: a fixed-concurrency Bun fetch loop in its own process, 1 s warm-up then ${SECONDS} s per row.`,
  );
  out.push("\n#### Reads\n");
  out.push(
    "| target | concurrency | req/s | p50 ms | p95 ms | p99 ms | errors | vs bare | catalog CPU ms/req | gateway CPU ms/req |",
  );
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  readResults.forEach((r, i) => {
    const cpu = i === 0 ? "–" : undefined;
    out.push(
      `| ${r.target} | ${r.concurrency} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${((r.rps / ceiling) * 100).toFixed(1)}% | ${cpu ?? readCpu[i]!.catalog.toFixed(2)} | ${cpu ?? readCpu[i]!.gateway.toFixed(2)} |`,
    );
  });
  const rowOf = (list: Attempt[], seconds: number, label: string) => {
    const paid = list.filter((a) => a.outcome === "paid");
    const toPaid = summarize(paid.map((a) => a.toPaidMs!));
    const placing = summarize(list.filter((a) => a.placingMs !== undefined).map((a) => a.placingMs!));
    const paying = summarize(paid.map((a) => a.payingMs!));
    const count = (o: Attempt["outcome"]) => list.filter((a) => a.outcome === o).length;
    return `| ${label} | ${list.filter((a) => a.orderId).length} | ${paid.length} | ${count("rejected")} | ${count("sold-out")} | ${count("error") + count("unconfirmed")} | ${(paid.length / seconds).toFixed(1)} | ${ms(toPaid.p50)} | ${ms(toPaid.p99)} | ${ms(placing.p50)} / ${ms(placing.p99)} | ${ms(paying.p50)} / ${ms(paying.p99)} |`;
  };
  out.push("\n#### Checkout to PAID (guest shoppers through the gateway, test payment provider)\n");
  out.push(
    "| scenario | orders placed | paid | rejected (no stock) | refused by cart (sold out) | errors | checkouts/s to PAID | p50 ms | p99 ms | checkout answered p50 / p99 ms | confirm → PAID p50 / p99 ms |",
  );
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  out.push(rowOf(checkout.attempts, checkout.seconds, `${SHOPPERS} shoppers, 8 SKUs in plenty, ${SECONDS} s`));
  out.push(
    rowOf(
      contention.attempts,
      contention.seconds,
      `${CONTENDERS} shoppers, 1 SKU with ${SCARCE_STOCK} units (each stops when refused)`,
    ),
  );
  out.push(
    `\nContention: ${scarcePaid.length} of ${SCARCE_STOCK} units sold (${SCARCE_STOCK - scarcePaid.length} left), every shopper was refused or the time was up after ${(contentionMs / 1000).toFixed(1)} s.`,
  );
  out.push("\n#### Memory and start-up\n");
  out.push("| process | cold start to /ready ms | RSS idle MiB | peak RSS under load MiB | VmHWM MiB |");
  out.push("|---|---:|---:|---:|---:|");
  for (const { name } of everyProcess()) {
    const m = name === "gateway" ? p.gateway : p.services[name as keyof typeof p.services];
    out.push(
      `| ${name} | ${m.startMs.toFixed(0)} | ${mib(idle.get(name) ?? Number.NaN)} | ${mib(underLoad.get(name) ?? Number.NaN)} | ${mib(hwm.get(name) ?? Number.NaN)} |`,
    );
  }
  out.push(
    `\nCold start: all 7 services spawned at once, every /ready 200 after ${(p.coldStartMs / 1000).toFixed(1)} s (2 CPUs: they start in parallel and share them; migrations and demo seeds included; the 100k-product catalog file was ${p.seedMs > 5_000 ? "generated" : "copied from .data/bench"} in ${(p.seedMs / 1000).toFixed(1)} s before).`,
  );
  out.push("\n#### The books after the run\n");
  out.push(booksTable(books));
  out.push(
    books.violations.length === 0 ? "\nBooks: balanced." : `\nBooks: **VIOLATIONS** — ${books.violations.join("; ")}`,
  );
  const markdown = out.join("\n");
  console.log(`\n${markdown}\n`);
  if (process.env.BENCH_WRITE_DOCS !== "false") {
    writeSection(join(ROOT, "docs/PERFORMANCE.md"), "bench", markdown, "Performance");
    console.log("written to docs/PERFORMANCE.md");
  }
  const errors = attempts.filter((a) => a.error).slice(0, 5);
  for (const a of errors) console.log(`error (${a.email}): ${a.error}`);
} catch (err) {
  failed = true;
  console.error(err);
  console.error(`logs: ${p.logDir}`);
} finally {
  await p.dispose(failed);
}
process.exit(failed ? 1 : 0);
