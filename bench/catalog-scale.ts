/**
 * The catalog's scale curve (#25): for each catalog size, the bench catalog (seedBench: 10,000
 * products per write transaction, so the generator's memory does not grow with the size), the
 * catalog service spawned in production mode (its listing index loaded before it is ready; no
 * cache of answers: every request computes its page), then category listings and searches (8
 * distinct URLs each, round robin: their counts are kept between writes, so they are counted once)
 * and the same with a distinct price range per request (counted every time), at concurrency 1 and
 * BENCH_CONCURRENCY. Per row: the service process's CPU per request (from /proc, user + system)
 * and its resident memory after the row.
 * Straight to the service, no gateway; load from this process over loopback.
 *
 *   bun bench/catalog-scale.ts   (BENCH_SCALE_SIZES=10000,100000,1000000 BENCH_SECONDS=5 BENCH_CONCURRENCY=8)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { spawnService } from "@mercato/testing";
import { startNats, startRedis } from "@mercato/testing";
import { seedBenchCatalog, spawnBenchCatalog } from "./lib/bench-catalog.ts";
import { fetchLoop } from "./lib/load.ts";
import { cpuMsOf, memoryOf } from "./lib/proc.ts";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "10000,100000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const listUrl = (base: string, input: object) =>
  `${base}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const CATEGORIES = ["men", "women", "kids", "sport", "outdoor", "footwear", "home", "kitchen"];
/** URLs of a "distinct" row: more than its requests, so none is asked twice within a row. */
const DISTINCT = 20_000;
const QUERIES = ["shirt", "wool jacket", "leather", "vintage boots", "cotton tee", "lamp", "organic", "rugged bag"];

interface Row {
  size: number;
  scenario: string;
  concurrency: number;
  rps: number;
  p50: number;
  p95: number;
  cpuMsPerRequest: number;
  rssMib: number;
}

const rows: Row[] = [];
/** Per size: spawn to /ready (migrations and the listing index's full load included) and RSS then. */
const ready: { size: number; ms: number; rssMib: number }[] = [];
const [nats, redis] = await Promise.all([startNats(), startRedis()]);
try {
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), "mercato-bench-scale-"));
    let service: Awaited<ReturnType<typeof spawnService>> | undefined;
    try {
      const databaseUrl = `file:${join(dir, "catalog.db")}`;
      const seeded = await seedBenchCatalog(databaseUrl, size);
      console.log(
        `${size} products seeded in ${(seeded.ms / 1000).toFixed(1)} s (this process's peak RSS ${(memoryOf(process.pid).hwmKib / 1024).toFixed(0)} MiB)`,
      );
      const spawned = performance.now();
      service = await spawnBenchCatalog({
        databaseUrl,
        natsUrl: nats.url,
        redisUrl: redis.url,
        env: { SEARCH_EVENT_SAMPLE_RATE: "0" },
        // Migrations and the listing index's full load come before /ready: about 60 ms per 1,000 products here.
        readyTimeoutMs: 30_000 + size * 0.15,
      });
      ready.push({ size, ms: performance.now() - spawned, rssMib: memoryOf(service.proc.pid).rssKib / 1024 });
      const pid = service.proc.pid;
      // The catalog keeps a listing's counts until the next write (the same 8 URLs count once);
      // the "distinct" rows give every request a price range of its own, so each is counted afresh.
      const distinct = (i: number) => ({ minPrice: (i % 97) * 50, maxPrice: 20_000 + i * 7 });
      const scenarios: [string, string[]][] = [
        ["category listing + facets + total", CATEGORIES.map((c) => listUrl(service!.url, { category: `bench-${c}` }))],
        [
          "category listing, distinct price ranges",
          Array.from({ length: DISTINCT }, (_, i) =>
            listUrl(service!.url, { category: `bench-${CATEGORIES[i % CATEGORIES.length]}`, ...distinct(i) }),
          ),
        ],
        ["search (relevance, facets, total)", QUERIES.map((q) => listUrl(service!.url, { q }))],
        [
          "search, distinct price ranges",
          Array.from({ length: DISTINCT }, (_, i) =>
            listUrl(service!.url, { q: QUERIES[i % QUERIES.length], ...distinct(i) }),
          ),
        ],
      ];
      for (const [scenario, urls] of scenarios) {
        await fetchLoop(scenario, urls, { seconds: 1, concurrency: 2 }); // warm-up: JIT, page cache
        for (const concurrency of [1, CONCURRENCY]) {
          const cpuBefore = cpuMsOf(pid);
          const r = await fetchLoop(scenario, urls, { seconds: SECONDS, concurrency });
          const cpu = cpuMsOf(pid) - cpuBefore;
          rows.push({
            size,
            scenario,
            concurrency,
            rps: r.rps,
            p50: r.p50,
            p95: r.p95,
            cpuMsPerRequest: cpu / Math.max(1, r.requests),
            rssMib: memoryOf(pid).rssKib / 1024,
          });
          if (r.errors) console.log(`  ${r.errors} errors in ${scenario} at ${concurrency}`);
          // Printed as measured too: a later size that fails to start must not lose the earlier rows.
          console.log(`  ${size} ${scenario} c=${concurrency}: ${r.rps.toFixed(0)} req/s, p95 ${r.p95.toFixed(1)} ms`);
        }
      }
    } finally {
      await service?.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await Promise.all([nats.dispose(), redis.dispose()]);
}

console.log(
  `\n${SECONDS} s per row, loopback, ${navigator.hardwareConcurrency} CPUs, no cache of answers (counts kept between writes)\n`,
);
console.log("| products | spawn to /ready ms (index loaded) | catalog RSS at ready MiB |");
console.log("|---:|---:|---:|");
for (const r of ready) console.log(`| ${r.size.toLocaleString("en")} | ${r.ms.toFixed(0)} | ${r.rssMib.toFixed(0)} |`);
console.log("");
console.log("| products | scenario | concurrency | req/s | p50 ms | p95 ms | CPU ms/request | catalog RSS MiB |");
console.log("|---:|---|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.size.toLocaleString("en")} | ${r.scenario} | ${r.concurrency} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.cpuMsPerRequest.toFixed(2)} | ${r.rssMib.toFixed(0)} |`,
  );
}
