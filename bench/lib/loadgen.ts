/**
 * The load generator process: reads its job from LOADGEN_CONFIG (an HttpLoadConfig as JSON),
 * warms up for a second, runs the measured loop and prints the LoadResult as JSON on stdout.
 */
import { fetchLoop, type HttpLoadConfig } from "./load.ts";

const config = JSON.parse(process.env.LOADGEN_CONFIG ?? "null") as HttpLoadConfig | null;
if (!config) {
  console.error("LOADGEN_CONFIG is missing: bench/lib/load.ts starts this process with it");
  process.exit(2);
}
// Warm-up: connections, the JIT and the servers' caches; not measured.
const warmup = config.warmupSeconds ?? 1;
if (warmup > 0) {
  await fetchLoop(config.target, config.urls, {
    seconds: warmup,
    concurrency: Math.min(4, config.concurrency),
    headers: config.headers,
  });
}
const result = await fetchLoop(config.target, config.urls, config);
process.stdout.write(JSON.stringify(result));
