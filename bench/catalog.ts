/**
 * Catalog benchmark: a 100,000-product database, the catalog service in production mode, and a
 * bare Bun.serve answering the same bytes as the service's first page (the floor for this
 * machine). Bounded loopback load from a fixed-concurrency fetch loop; prints a markdown table.
 *
 *   bun bench/catalog.ts            (BENCH_PRODUCTS, BENCH_SECONDS, BENCH_CONCURRENCY to change)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { spawnService } from "@mercato/testing";
import { startNats, startRedis } from "@mercato/testing";
import { seedBenchCatalog, spawnBenchCatalog } from "./lib/bench-catalog.ts";
import { fetchLoop, type LoadResult } from "./lib/load.ts";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const listUrl = (base: string, input: object) =>
  `${base}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

const dir = mkdtempSync(join(tmpdir(), "mercato-bench-catalog-"));
const [nats, redis] = await Promise.all([startNats(), startRedis()]);
let service: Awaited<ReturnType<typeof spawnService>> | undefined;
let bare: ReturnType<typeof Bun.serve> | undefined;
try {
  const databaseUrl = `file:${join(dir, "catalog.db")}`;
  const seeded = await seedBenchCatalog(databaseUrl, PRODUCTS);
  console.log(`seeded ${PRODUCTS} products in ${(seeded.ms / 1000).toFixed(1)} s`);

  service = await spawnBenchCatalog({ databaseUrl, natsUrl: nats.url, redisUrl: redis.url });

  const firstPage = listUrl(service.url, {});
  const search = listUrl(service.url, { q: "shirt" });
  const sample = await fetch(firstPage);
  const body = new Uint8Array(await sample.arrayBuffer());
  const contentType = sample.headers.get("content-type") ?? "application/json";
  bare = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(body, { headers: { "content-type": contentType } }),
  });
  const bareUrl = `http://127.0.0.1:${bare.port}/`;

  const targets: [string, string][] = [
    ["bare Bun.serve (same bytes as first page)", bareUrl],
    ["catalog first page (24 items + facets)", firstPage],
    ['catalog search "shirt" (relevance)', search],
  ];
  const results: LoadResult[] = [];
  for (const [name, url] of targets) {
    await fetchLoop(name, [url], { seconds: 1, concurrency: 2 }); // warm-up: JIT, page cache, facet cache
    for (const concurrency of [1, CONCURRENCY])
      results.push(await fetchLoop(name, [url], { seconds: SECONDS, concurrency }));
  }

  console.log(
    `\n${PRODUCTS.toLocaleString("en")} products, ${SECONDS} s per row, loopback, ${navigator.hardwareConcurrency} CPUs\n`,
  );
  console.log("| target | concurrency | requests | errors | req/s | p50 ms | p95 ms | p99 ms |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    console.log(
      `| ${r.target} | ${r.concurrency} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`,
    );
  }
  const bareRps = results.find((r) => r.target.startsWith("bare") && r.concurrency === CONCURRENCY)?.rps ?? 0;
  for (const r of results.filter((x) => !x.target.startsWith("bare") && x.concurrency === CONCURRENCY)) {
    console.log(`\n${r.target}: ${((r.rps / bareRps) * 100).toFixed(1)}% of the bare server's throughput`);
  }
  const searchSolo = results.find((r) => r.target.includes("search") && r.concurrency === 1);
  if (searchSolo) console.log(`search p95 at concurrency 1: ${searchSolo.p95.toFixed(2)} ms (target < 15 ms)`);
} finally {
  bare?.stop(true);
  await service?.kill("SIGTERM");
  await Promise.all([nats.dispose(), redis.dispose()]);
  rmSync(dir, { recursive: true, force: true });
}
