/**
 * The one load generator of the benchmarks: a fixed-concurrency closed loop (each worker sends its
 * next request when the previous one is answered) for a bounded time. `closedLoop` runs any async
 * step in this process; `httpLoad` runs GETs from a separate Bun process (bench/lib/loadgen.ts),
 * so the generator never shares an event loop with the code that started the servers.
 */
import { fileURLToPath } from "node:url";
import { spawn } from "bun";
import { percentile } from "./stats.ts";

export interface LoadResult {
  target: string;
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `step` returns false (or throws) for an error; every call's latency counts, errors included. */
export async function closedLoop(
  target: string,
  opts: { seconds: number; concurrency: number },
  step: (worker: number, i: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        let ok = false;
        try {
          ok = await step(worker, i);
        } catch {
          ok = false;
        }
        if (!ok) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    target,
    concurrency: opts.concurrency,
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  };
}

/**
 * Unless a row names its own, requests ask for identity bodies: fetch would otherwise offer
 * br/gzip and every gateway row would silently measure compression (bench/compression.ts has those).
 */
const IDENTITY: Record<string, string> = { "accept-encoding": "identity" };

/** GETs `urls` round-robin (a 200 counts as success) at fixed concurrency. */
export function fetchLoop(
  target: string,
  urls: readonly string[],
  opts: { seconds: number; concurrency: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  let next = 0;
  const headers = opts.headers ?? IDENTITY;
  return closedLoop(target, opts, async () => {
    const url = urls[next++ % urls.length]!;
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    return res.status === 200;
  });
}

export interface HttpLoadConfig {
  target: string;
  urls: string[];
  seconds: number;
  concurrency: number;
  /** Request headers (`accept-encoding: br`); identity bodies when absent. */
  headers?: Record<string, string>;
  /** Seconds of unmeasured warm-up first (default 1; 0 when the caller warms up apart). */
  warmupSeconds?: number;
}

const LOADGEN = fileURLToPath(new URL("./loadgen.ts", import.meta.url));

/** `fetchLoop` in its own Bun process; resolves with its result. */
export async function httpLoad(config: HttpLoadConfig): Promise<LoadResult> {
  const proc = spawn(["bun", LOADGEN], {
    env: { ...process.env, LOADGEN_CONFIG: JSON.stringify(config) },
    stdout: "pipe",
    stderr: "inherit",
  });
  const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  if (code !== 0) throw new Error(`the load generator for "${config.target}" exited with code ${code}`);
  return JSON.parse(out) as LoadResult;
}
