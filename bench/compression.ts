// Compressed answers at the gateway (#25): the catalog listing and a product page through the
// gateway with `accept-encoding` identity, gzip and br, cache on (hits) and off (every answer
// proxied and compressed), beside a bare Bun.serve answering the listing's bytes, in one run. CPU
// per request is each process's user+system time (/proc) over the measured requests; compressions
// are the gateway's own counter (a hit row must add none). Every server runs in its own process
// and the load comes from another (bench/lib/loadgen.ts).
// Run: `bun bench/compression.ts` (BENCH_SECONDS, default 5; BENCH_CONCURRENCY, default 32).

import {
  freePort,
  type ServiceProcess,
  spawnService,
  startNats,
  startRedis,
  startTestIssuer,
  testServiceEnv,
} from "@mercato/testing";
import { startBare } from "./lib/bare.ts";
import { httpLoad, type LoadResult } from "./lib/load.ts";
import { cpuMsOf } from "./lib/proc.ts";
import { machine } from "./lib/report.ts";
import { ms } from "./lib/stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const trpcGet = (path: string, input: unknown) =>
  `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const LISTING = trpcGet("catalog.products.list", { limit: 24 });
const CODINGS = ["identity", "gzip", "br"] as const;
/** The bare server has no gateway counters. */
const NONE = { count: 0, seconds: 0 };

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

  const startGateway = async (extra: Record<string, string>) => {
    const metricsPort = await freePort();
    const gw = await spawnService("gateway", {
      PORT: String(await freePort()),
      METRICS_PORT: String(metricsPort),
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      CATALOG_URL: catalog.url,
      LOG_LEVEL: "warn",
      // Limits on, but far above what one loopback client can send.
      RATE_LIMIT_IP: "1000000000",
      RATE_LIMIT_READ: "1000000000",
      ...extra,
    });
    cleanups.unshift(() => gw.kill("SIGTERM"));
    return { gw, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
  };
  const cached = await startGateway({});
  const uncached = await startGateway({ GATEWAY_CACHE_BYTES: "0" });

  const listing = await fetch(`${catalog.url}${LISTING}`, { headers: { "accept-encoding": "identity" } });
  const listingBytes = new Uint8Array(await listing.arrayBuffer());
  if (listing.status !== 200) throw new Error(`catalog answered ${listing.status}`);
  const slugs = (JSON.parse(new TextDecoder().decode(listingBytes)) as ListingBody).result.data.json.items.map(
    (i) => i.slug,
  );
  const productPaths = slugs.slice(0, 8).map((slug) => trpcGet("catalog.products.bySlug", { slug }));
  const productBytes = (await (await fetch(`${catalog.url}${productPaths[0]}`)).arrayBuffer()).byteLength;

  const bare = await startBare(listingBytes, listing.headers.get("content-type") ?? "application/json");
  cleanups.unshift(() => bare.stop());

  // Hits need the purge feed connected: wait until the cached gateway says HIT.
  const deadline = Date.now() + 10_000;
  while ((await fetch(`${cached.gw.url}${LISTING}`)).headers.get("x-cache") !== "HIT") {
    if (Date.now() > deadline) throw new Error("the gateway never served the listing from its cache");
    await Bun.sleep(100);
  }

  type Row = {
    name: string;
    result: LoadResult;
    wireBytes: number;
    cpu: Record<string, number>;
    compressions: { count: number; seconds: number };
  };
  const rows: Row[] = [];
  const measure = async (
    name: string,
    urls: string[],
    coding: string,
    procs: { name: string; proc: ServiceProcess | { proc: { pid: number } } }[],
    metricsUrl?: string,
  ) => {
    console.log(`… ${name}`);
    const headers = { "accept-encoding": coding };
    const sample = await fetch(urls[0]!, { headers, decompress: false });
    const wireBytes = (await sample.arrayBuffer()).byteLength;
    // Warm-up apart, so the CPU measured below belongs to the measured requests only.
    await httpLoad({ target: name, urls, headers, seconds: 1, concurrency: CONCURRENCY, warmupSeconds: 0 });
    const compressionsBefore = metricsUrl ? await compressionsOf(metricsUrl) : NONE;
    const cpuBefore = procs.map(({ proc }) => cpuMsOf(proc.proc.pid));
    const result = await httpLoad({
      target: name,
      urls,
      headers,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      warmupSeconds: 0,
    });
    const cpu = Object.fromEntries(
      procs.map(({ name: proc, proc: p }, i) => [proc, (cpuMsOf(p.proc.pid) - cpuBefore[i]!) / result.requests]),
    );
    const after = metricsUrl ? await compressionsOf(metricsUrl) : NONE;
    const compressions = {
      count: after.count - compressionsBefore.count,
      seconds: after.seconds - compressionsBefore.seconds,
    };
    rows.push({ name, result, wireBytes, cpu, compressions });
  };

  await measure(`bare Bun.serve (listing's ${listingBytes.byteLength} bytes, identity)`, [bare.url], "identity", [
    { name: "server", proc: { proc: { pid: bare.pid } } },
  ]);
  for (const [page, paths] of [
    [`listing (24 products, ${listingBytes.byteLength} B)`, [LISTING]],
    [`product page (${productPaths.length} products, ~${productBytes} B)`, productPaths],
  ] as const) {
    for (const [mode, gateway] of [
      ["cache hit", cached],
      ["cache off", uncached],
    ] as const) {
      for (const coding of CODINGS) {
        await measure(
          `${page}, ${mode}, ${coding}`,
          paths.map((p) => `${gateway.gw.url}${p}`),
          coding,
          [
            { name: "gateway", proc: gateway.gw },
            { name: "catalog", proc: catalog },
          ],
          gateway.metricsUrl,
        );
      }
    }
  }

  const ceiling = rows[0]!.result.rps;
  const out: string[] = [];
  out.push(`Machine: ${machine()}. Shared with other work while it ran: treat the numbers as noisy.`);
  out.push(
    `Command: \`bun bench/compression.ts\` (BENCH_SECONDS=${SECONDS}, BENCH_CONCURRENCY=${CONCURRENCY}); demo catalog, gateway defaults (COMPRESSION_MIN_BYTES=1024, brotli quality 4, gzip level 6).\n`,
  );
  out.push(
    "| target | req/s | p50 ms | p95 ms | vs bare | bytes on the wire | gateway CPU ms/req | catalog CPU ms/req | compressions/req | ms per compression |",
  );
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const { name, result: r, wireBytes, cpu, compressions } of rows) {
    const cpuCell = (proc: string) => (cpu[proc] === undefined ? "" : cpu[proc]!.toFixed(3));
    const serverCpu = cpu.server === undefined ? cpuCell("gateway") : `${cpuCell("server")} (server)`;
    out.push(
      `| ${name} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${((r.rps / ceiling) * 100).toFixed(1)}% | ${wireBytes} | ${serverCpu} | ${cpuCell("catalog")} | ${r.errors ? `errors: ${r.errors}` : (compressions.count / r.requests).toFixed(2)} | ${compressions.count ? ((compressions.seconds * 1000) / compressions.count).toFixed(3) : "–"} |`,
    );
  }
  console.log(`\n${out.join("\n")}\n`);
} finally {
  for (const cleanup of cleanups) await cleanup();
}

interface ListingBody {
  result: { data: { json: { items: { slug: string }[] } } };
}

/** The gateway's compression counters: bodies compressed and the CPU seconds spent on them. */
async function compressionsOf(metricsUrl: string): Promise<{ count: number; seconds: number }> {
  const text = await (await fetch(metricsUrl)).text();
  const sum = (name: string) =>
    text
      .split("\n")
      .filter((line) => line.startsWith(`${name}{`))
      .reduce((n, line) => n + Number(line.split(" ").pop()), 0);
  return { count: sum("gateway_compressions_total"), seconds: sum("gateway_compression_cpu_seconds_total") };
}
