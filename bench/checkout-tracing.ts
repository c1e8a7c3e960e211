/**
 * The cost of tracing on the checkout (#28): `bench/checkout.ts` run in the same invocation with
 * tracing off, then on at 10 % sampling exporting to a local OTLP/HTTP receiver (loopback), then
 * off and on again (alternating, so drift of the shared machine falls on both sides). Prints
 * checkouts/s to PAID and CPU per checkout for each, the throughput change, and how many spans
 * the receiver got. Run: `bun bench/checkout-tracing.ts` (BENCH_SECONDS, BENCH_SHOPPERS as for
 * checkout.ts; BENCH_ROUNDS pairs, default 2; BENCH_TRACE_RATIO, default 0.1).
 */
import { join } from "node:path";
import { startOtlpReceiver } from "@mercato/testing";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const RATIO = process.env.BENCH_TRACE_RATIO ?? "0.1";
type Result = { paid: number; elapsed: number; cpuPerCheckout: number; p50: number; p99: number };

const receiver = startOtlpReceiver();
const script = join(import.meta.dir, "checkout.ts");

async function run(traced: boolean): Promise<Result> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.BENCH_OTLP_ENDPOINT;
  if (traced) {
    env.BENCH_OTLP_ENDPOINT = receiver.url;
    env.BENCH_TRACE_RATIO = RATIO;
  }
  const proc = Bun.spawn(["bun", script], { env, stdout: "pipe", stderr: "inherit" });
  const out = await new Response(proc.stdout).text();
  await proc.exited;
  const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (!line) throw new Error(`checkout.ts printed no result (exit ${proc.exitCode}):\n${out.slice(-2000)}`);
  return JSON.parse(line.slice("BENCH_RESULT ".length)) as Result;
}

const off: Result[] = [];
const on: Result[] = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    off.push(await run(false));
    on.push(await run(true));
  }
} finally {
  await receiver.stop();
}
const rate = (rs: Result[]) => rs.reduce((s, r) => s + r.paid, 0) / rs.reduce((s, r) => s + r.elapsed, 0);
const cpu = (rs: Result[]) =>
  rs.reduce((s, r) => s + r.cpuPerCheckout * r.paid, 0) / rs.reduce((s, r) => s + r.paid, 0);
const row = (name: string, rs: Result[]) =>
  `| ${name} | ${rs.map((r) => (r.paid / r.elapsed).toFixed(1)).join(", ")} | ${rate(rs).toFixed(1)} | ${cpu(rs).toFixed(1)} | ${rs.map((r) => r.p50.toFixed(0)).join(", ")} |`;
console.log(
  `\n### Checkout with tracing off vs on (${Number(RATIO) * 100} % sampled, OTLP/HTTP to a loopback receiver)\n`,
);
console.log("| tracing | checkouts/s to PAID per run | overall | CPU ms per checkout | p50 ms per run |");
console.log("|---|---|---:|---:|---|");
console.log(row("off", off));
console.log(row("on", on));
const change = (rate(on) / rate(off) - 1) * 100;
console.log(`\nthroughput change with tracing on: ${change.toFixed(1)} %; spans received: ${receiver.spans.length}`);
if (change < -10) process.exitCode = 1;
