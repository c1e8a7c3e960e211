import { afterAll, beforeAll, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import { type NatsServer, startNats } from "@mercato/testing";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { aborted, LeaseBucket, type Singleton } from "../src/lease.ts";
import { natsConnectOptions } from "../src/nats-auth.ts";
import { silentLog, until } from "./helpers.ts";

// Short leases keep the suite quick; the services use DEFAULT_LEASE_TTL_MS. This file's own NATS
// makes the bucket with this TTL (fixed when the bucket is made); each test has its own key.
const TTL_MS = 2_000;
let nats: NatsServer;
const connections: NatsConnection[] = [];

beforeAll(async () => {
  nats = await startNats();
}, 30_000);

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
  await nats?.dispose();
});

/** One instance of a service: its own connection, as the service's NATS user (its permissions apply). */
async function instance(holder?: string): Promise<LeaseBucket> {
  const nc = await connect({
    ...natsConnectOptions(nats.urlFor("orders")),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 100,
  });
  connections.push(nc);
  return LeaseBucket.open(nc, silentLog, { ttlMs: TTL_MS, ...(holder ? { holder } : {}) });
}

interface Run {
  holder: string;
  term: number;
  start: number;
  stop?: number;
}

/** A job that records when each of its runs starts and has stopped, and how many run at once. */
function recorder() {
  const runs: Run[] = [];
  let running = 0;
  let most = 0;
  const job =
    (holder: string) =>
    async ({ term, signal }: { term: number; signal: AbortSignal }) => {
      running += 1;
      most = Math.max(most, running);
      const run: Run = { holder, term, start: performance.now() };
      runs.push(run);
      await aborted(signal);
      running -= 1;
      run.stop = performance.now();
    };
  return { runs, job, running: () => running, most: () => most };
}

/** Runs ordered by start; each must have stopped before the next started, with a larger term. */
function expectNoOverlap(runs: Pick<Run, "term" | "start" | "stop">[]): void {
  const sorted = [...runs].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const [before, after] = [sorted[i - 1], sorted[i]];
    if (!before || !after) continue;
    expect(before.stop).toBeDefined();
    expect(before.stop ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(after.start);
    expect(after.term).toBeGreaterThan(before.term);
  }
}

test("two holders contend: exactly one runs, and the other takes over at once when it stops", async () => {
  const [a, b] = await Promise.all([instance(), instance()]);
  const rec = recorder();
  const sa = a.singleton("orders.contend", rec.job("a"));
  const sb = b.singleton("orders.contend", rec.job("b"));
  await until(async () => rec.running() === 1, 10_000);
  // Over two TTLs of renewals, one holder keeps it and the other never starts.
  await Bun.sleep(TTL_MS * 2);
  expect(rec.runs).toHaveLength(1);
  expect(rec.most()).toBe(1);
  const first = rec.runs[0];
  if (!first) throw new Error("no run");
  const holder: Singleton = first.holder === "a" ? sa : sb;
  const other: Singleton = first.holder === "a" ? sb : sa;
  expect(holder.term).toBe(first.term);
  expect(other.term).toBeUndefined();

  // A graceful stop releases the key: the other starts well within the TTL.
  const stoppedAt = performance.now();
  await holder.stop();
  await until(async () => rec.runs.length === 2, TTL_MS * 2);
  const second = rec.runs[1];
  expect(second?.holder).not.toBe(first.holder);
  expect((second?.start ?? 0) - stoppedAt).toBeLessThan(TTL_MS);
  expect(rec.most()).toBe(1);
  expectNoOverlap(rec.runs);
  await other.stop();
}, 30_000);

test("a service's NATS user cannot take another service's lease", async () => {
  const leases = await instance();
  const rec = recorder();
  const s = leases.singleton("payments.job", rec.job("x"));
  await Bun.sleep(TTL_MS);
  expect(rec.runs).toHaveLength(0);
  await s.stop();
});

test("a holder that died and comes back under the same identity (host:port) takes its own key back at once", async () => {
  const rec = recorder();
  const first = await instance("host:4005");
  const dead = first.singleton("orders.reclaim", rec.job("first"));
  await until(async () => rec.running() === 1, 10_000);
  // It dies without releasing: its connection closes, the key stays until the TTL.
  await connections.at(-1)?.close();
  const [again, other] = await Promise.all([instance("host:4005"), instance("host:4006")]);
  const sa = again.singleton("orders.reclaim", rec.job("again"));
  const so = other.singleton("orders.reclaim", rec.job("other"));
  await until(async () => rec.runs.some((r) => r.holder === "again"), TTL_MS);
  expect(rec.runs.map((r) => r.holder)).toEqual(["first", "again"]);
  expect(rec.runs[1]?.term).toBeGreaterThan(rec.runs[0]?.term ?? Number.POSITIVE_INFINITY);
  await Promise.all([sa.stop(), so.stop(), dead.stop()]);
}, 30_000);

/** A lease-holder process; its JSON lines go to `lines` as they come. */
function spawnHolder(key: string, lines: { event: string; term: number; at: number; pid: number }[]) {
  const child = Bun.spawn(["bun", fileURLToPath(new URL("./fixtures/lease-holder.ts", import.meta.url))], {
    env: {
      ...process.env,
      NATS_URL: nats.urlFor("orders"),
      LEASE_NAME: key,
      LEASE_TTL_MS: String(TTL_MS),
    },
    stdout: "pipe",
    stderr: "inherit",
  });
  void (async () => {
    let buffered = "";
    const reader = child.stdout.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) if (line.trim()) lines.push(JSON.parse(line));
    }
  })();
  return child;
}

test("kill -9 of the holder process: the other process takes over within the TTL, terms never overlap", async () => {
  const lines: { event: string; term: number; at: number; pid: number }[] = [];
  const children = [spawnHolder("orders.crash", lines), spawnHolder("orders.crash", lines)];
  try {
    await until(async () => lines.filter((l) => l.event === "ready").length === 2, 20_000);
    const first = await until(async () => lines.find((l) => l.event === "start"), 10_000);
    const victim = children.find((c) => c.pid === first.pid);
    if (!victim) throw new Error("holder not found");
    const killedAt = Date.now();
    victim.kill("SIGKILL");
    await victim.exited;
    const second = await until(async () => lines.find((l) => l.event === "start" && l.pid !== first.pid), TTL_MS * 3);
    const handoverMs = second.at - killedAt;
    console.log(
      `lease handover after kill -9: ${handoverMs} ms (TTL ${TTL_MS} ms; renewed every ${TTL_MS / 4} ms; term ${first.term} → ${second.term})`,
    );
    // The key outlives the last renewal by the TTL, and a contender looks every TTL/6.
    expect(handoverMs).toBeLessThan(TTL_MS + TTL_MS / 2);
    expect(second.term).toBeGreaterThan(first.term);
    // The killed run ended when the process died: before the next began.
    expectNoOverlap([
      { term: first.term, start: first.at, stop: killedAt },
      { term: second.term, start: second.at },
    ]);
    expect(lines.filter((l) => l.event === "start")).toHaveLength(2);
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
  }
}, 60_000);

test("a NATS restart, short and longer than the TTL, never ends with two holders", async () => {
  const [a, b] = await Promise.all([instance(), instance()]);
  const rec = recorder();
  const sa = a.singleton("orders.restart", rec.job("a"));
  const sb = b.singleton("orders.restart", rec.job("b"));
  await until(async () => rec.running() === 1, 10_000);

  for (const outageMs of [TTL_MS / 4, TTL_MS * 2]) {
    await nats.stop();
    await Bun.sleep(outageMs);
    await nats.restart();
    // Back to exactly one holder once both have reconnected and the dust settled.
    await until(async () => rec.running() === 1, TTL_MS * 5);
    await Bun.sleep(TTL_MS);
    expect(rec.running()).toBe(1);
  }
  expect(rec.most()).toBe(1);
  await Promise.all([sa.stop(), sb.stop()]);
  expectNoOverlap(rec.runs);
}, 90_000);
