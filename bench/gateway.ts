// Gateway throughput on the hot catalog first page, beside a bare Bun.serve answering the same
// bytes. Every server runs in its own process; this process only generates load (loopback,
// fixed concurrency, 10 s per target). Run: `bun bench/gateway.ts` (BENCH_SECONDS to change).

import {
  freePort,
  spawnService,
  startNats,
  startRedis,
  startTestIssuer,
  testServiceEnv,
  waitForHttp,
} from "@mercato/testing";
import { spawn } from "bun";
import { fetchLoop, type LoadResult } from "./lib/load.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const FIRST_PAGE = `/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 24 } }))}`;

const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
const cleanups: (() => unknown)[] = [() => issuer.stop(), () => nats.dispose(), () => redis.dispose()];
try {
  const catalogEnv = await testServiceEnv({
    service: "catalog",
    nats,
    redis,
    issuer,
    env: { SEED_DEMO: "true", LOG_LEVEL: "warn" },
  });
  cleanups.unshift(catalogEnv.dispose);
  const catalog = await spawnService("catalog", catalogEnv.env);
  cleanups.unshift(() => catalog.kill("SIGTERM"));

  const gatewayEnv = async (extra: Record<string, string>) => ({
    PORT: String(await freePort()),
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    CATALOG_URL: catalog.url,
    LOG_LEVEL: "warn",
    // Limits on, but far above what one loopback client can send: their Redis round trip is measured.
    RATE_LIMIT_IP: "1000000000",
    RATE_LIMIT_READ: "1000000000",
    RATE_LIMIT_MEDIA: "1000000000",
    ...extra,
  });
  const cached = await spawnService("gateway", await gatewayEnv({}));
  cleanups.unshift(() => cached.kill("SIGTERM"));
  const uncached = await spawnService("gateway", await gatewayEnv({ GATEWAY_CACHE_BYTES: "0" }));
  cleanups.unshift(() => uncached.kill("SIGTERM"));

  const page = await fetch(`${catalog.url}${FIRST_PAGE}`);
  const bytes = new Uint8Array(await page.arrayBuffer());
  if (page.status !== 200) throw new Error(`catalog answered ${page.status}`);

  // The bare baseline: the same bytes and content type, nothing else.
  const barePort = await freePort();
  const bare = spawn(
    [
      "bun",
      "-e",
      `const body = await Bun.file(process.env.BODY_FILE).bytes();
       Bun.serve({ port: ${barePort}, hostname: "127.0.0.1",
         fetch: () => new Response(body, { headers: { "content-type": "application/json" } }) });`,
    ],
    { env: { ...process.env, BODY_FILE: await writeTemp(bytes) }, stdout: "ignore", stderr: "inherit" },
  );
  cleanups.unshift(() => bare.kill());
  const bareUrl = `http://127.0.0.1:${barePort}/`;
  await waitForHttp(bareUrl);

  // Caching needs the purge feed; wait until the gateway says it serves hits.
  const hit = async () => (await fetch(`${cached.url}${FIRST_PAGE}`)).headers.get("x-cache") === "HIT";
  const deadline = Date.now() + 10_000;
  while (!(await hit())) {
    if (Date.now() > deadline) throw new Error("the gateway never served the page from its cache");
    await Bun.sleep(100);
  }

  const targets: [string, string][] = [
    ["bare Bun.serve (same bytes)", bareUrl],
    ["gateway, cache hit", `${cached.url}${FIRST_PAGE}`],
    ["gateway, cache off (proxied to catalog)", `${uncached.url}${FIRST_PAGE}`],
    ["catalog direct (no gateway)", `${catalog.url}${FIRST_PAGE}`],
  ];
  const results: LoadResult[] = [];
  for (const [name, url] of targets) {
    await fetchLoop(name, [url], { seconds: 1, concurrency: CONCURRENCY }); // warm-up: connections, JIT, caches
    results.push(await fetchLoop(name, [url], { seconds: SECONDS, concurrency: CONCURRENCY }));
  }

  const bareRps = results[0]?.rps ?? 1;
  console.log(`\nHot catalog first page (${bytes.byteLength} bytes), ${CONCURRENCY} concurrent, ${SECONDS} s each\n`);
  console.log("| target | req/s | p50 ms | p99 ms | errors | vs bare |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of results) {
    console.log(
      `| ${r.target} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} | ${((r.rps / bareRps) * 100).toFixed(0)}% |`,
    );
  }
  const hitRatio = (results[1]?.rps ?? 0) / bareRps;
  console.log(
    `\nGoal: cache hit ≥ 50% of bare. Result: ${(hitRatio * 100).toFixed(0)}% (${hitRatio >= 0.5 ? "met" : "NOT met"}).`,
  );
} finally {
  for (const cleanup of cleanups) await cleanup();
}

async function writeTemp(bytes: Uint8Array): Promise<string> {
  const path = `${process.env.TMPDIR ?? "/tmp"}/mercato-bench-page-${process.pid}.json`;
  await Bun.write(path, bytes);
  cleanups.unshift(() => Bun.file(path).delete());
  return path;
}
