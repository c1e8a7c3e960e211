/**
 * `bun run chaos`: faults under a bounded checkout load, on the whole platform (production mode,
 * private NATS and Redis, loopback). In order: kill -9 inventory, orders, payments (each restarted
 * after an outage), restart nats-server, stop Redis for a while and start it again, and spray
 * malformed requests at the gateway. Afterwards the same books as the benchmark must balance, every
 * order the run made must reach a final state within a bounded wait, and every service must answer
 * /ready 200 again with no manual step. Exits non-zero on any violation.
 *
 *   bun bench/chaos.ts --short   (< 90 s; scripts/test-chaos.sh runs it in the test command)
 *   bun bench/chaos.ts           (longer outages and load; writes docs/RELIABILITY.md's section)
 *   --keep                       keeps the run's logs and databases even without a violation
 *
 * With replicas (`REPLICAS=2`, #26): every service runs as two instances, and one instance of
 * every service is killed in turn (the first of one, the second of the next, ...) while its peer
 * serves. Then also: after each kill some order must reach PAID within 2 s of the last one before
 * it (the longest pause), and no singleton job (outbox relays, sweepers, senders) may have run in
 * two instances at once — each holder logs the start and end of its term (bench/lib/leases.ts).
 * After an orders kill (and any kill over the limit) it prints where the pause went: each in-flight
 * checkout's steps from the orders database beside what its shopper saw (bench/lib/pause-breakdown.ts).
 */
import { join } from "node:path";
import { replicaCount } from "@mercato/registry";
import type { ServiceProcess } from "@mercato/testing";
import { exerciseAfterSales } from "./lib/after-sales.ts";
import { booksTable, checkBooks, stockOf } from "./lib/books.ts";
import { sprayGarbage } from "./lib/garbage.ts";
import { leaseOverlaps, leaseRuns } from "./lib/leases.ts";
import { leaseTakeovers, pauseBreakdown } from "./lib/pause-breakdown.ts";
import { type Platform, SERVICE_NAMES, type ServiceName, startPlatform } from "./lib/platform.ts";
import { ROOT, tail } from "./lib/proc.ts";
import { machine, writeSection } from "./lib/report.ts";
import { type Attempt, runShoppers, StatusWatch } from "./lib/shopper.ts";
import { ms, summarize } from "./lib/stats.ts";
import { sellableSkus, setStock } from "./lib/stock.ts";

const SHORT = process.argv.includes("--short");
/**
 * ttlMs: how long an unpaid order holds its stock before it is cancelled. Short in the short form
 * so orders a fault leaves unpaid end within its time budget; far above the event consumers' ack
 * wait (2 s, packages/events/src/bus.ts; it was 30 s when this was set) in both forms, so a handler
 * killed mid-event (redelivered after the ack wait) does not lose its order to the expiry.
 */
const PLAN = SHORT
  ? { shoppers: 8, outageMs: 2_000, redisOutageMs: 3_000, gapMs: 2_000, ttlMs: 12_000, garbageRounds: 20 }
  : { shoppers: 16, outageMs: 5_000, redisOutageMs: 8_000, gapMs: 5_000, ttlMs: 45_000, garbageRounds: 100 };
/** Shoppers retry a call this long through a fault (a real client would too, with the same key). */
const RETRY_MS = 12_000;
/** After the load: reservations lapse (TTL) and expired orders are cancelled; then the books. */
const SETTLE_MS = PLAN.ttlMs + 20_000;
const STOCK = 10_000;
/**
 * The services killed with -9 mid-checkout, in this order: the three that hold the saga's state
 * (reservations, the order itself, payments), so each kill lands between two of its steps.
 */
const KILLED: readonly ServiceName[] = ["inventory", "orders", "payments"];
/** With replicas, the longest a kill may stop orders from reaching PAID (#26). */
const MAX_PAUSE_AFTER_KILL_MS = 2_000;
/** When each instance (by its log file) was killed with -9: its lease runs ended then at the latest. */
const killedAt = new Map<string, number[]>();

interface Event {
  atMs: number;
  what: string;
}

/** A fault from its start to its end (the service ready again / the server back). */
interface Fault {
  name: string;
  from: number;
  to: number;
}
const faults: Fault[] = [];
async function fault(name: string, run: () => Promise<void>) {
  const from = Date.now();
  await run();
  faults.push({ name, from, to: Date.now() });
}

/**
 * What a fault did to the shoppers: orders paid while it lasted, the longest time no order
 * reached PAID around it (from the last PAID before it to the first after its start), and the
 * slowest checkout to PAID among attempts that were in flight during it.
 */
function impact(f: Fault, attempts: readonly Attempt[]) {
  const paid = attempts.filter((a) => a.outcome === "paid" && a.doneAt !== undefined);
  const doneTimes = paid.map((a) => a.doneAt!).sort((a, b) => a - b);
  const lastBefore = doneTimes.filter((t) => t < f.from).at(-1) ?? f.from;
  const firstAfter = doneTimes.find((t) => t >= f.from) ?? Number.NaN;
  const inFlight = paid.filter((a) => (a.at ?? 0) <= f.to && a.doneAt! >= f.from);
  return {
    paidDuring: doneTimes.filter((t) => t >= f.from && t <= f.to).length,
    stallMs: firstAfter - lastBefore,
    firstPaidAfterStartMs: firstAfter - f.from,
    slowestMs: Math.max(0, ...inFlight.map((a) => a.toPaidMs ?? 0)),
  };
}

const t0 = Date.now();
const timeline: Event[] = [];
const note = (what: string) => {
  const atMs = Date.now() - t0;
  timeline.push({ atMs, what });
  console.log(`[${(atMs / 1000).toFixed(1).padStart(5)} s] ${what}`);
};

/** Every service's /ready and the gateway's /health, by name → HTTP status (0: no answer). */
async function readiness(p: Platform): Promise<Record<string, number>> {
  const targets: [string, string][] = [
    ...SERVICE_NAMES.flatMap((n) =>
      p.replicas[n].map((r, i): [string, string] => [i === 0 ? n : `${n}#${i + 1}`, `${r.url}/ready`]),
    ),
    ["gateway", `${p.gateway.url}/health`],
  ];
  const entries = await Promise.all(
    targets.map(async ([name, url]) => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        return [name, res.status] as const;
      } catch {
        return [name, 0] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

async function waitAllReady(
  p: Platform,
  timeoutMs: number,
): Promise<{ ok: boolean; ms: number; last: Record<string, number> }> {
  const started = Date.now();
  let last = await readiness(p);
  while (Object.values(last).some((s) => s !== 200) && Date.now() - started < timeoutMs) {
    await Bun.sleep(200);
    last = await readiness(p);
  }
  return { ok: Object.values(last).every((s) => s === 200), ms: Date.now() - started, last };
}

async function killAndRestart(m: ServiceProcess, name: string) {
  note(`kill -9 ${name} (pid ${m.proc.pid})`);
  await m.kill("SIGKILL");
  if (m.logFile) killedAt.set(m.logFile, [...(killedAt.get(m.logFile) ?? []), Date.now()]);
  await Bun.sleep(PLAN.outageMs);
  note(`restarting ${name}`);
  await m.restart();
  note(`${name} ready again (${(m.startMs / 1000).toFixed(1)} s from spawn to /ready)`);
}

console.log(`Mercato chaos (${SHORT ? "short" : "full"}): ${machine()}`);
const multi = SERVICE_NAMES.every((n) => replicaCount(n, process.env) >= 2);
const p = await startPlatform({
  products: 0,
  env: {
    // The lease holders log their terms at info (read back for the overlap count); no access log.
    // A 1.5 s lease: a killed holder's relay resumes in another instance within ~1.5 s, not the
    // default 6 s's ~5–7 s (with 6 s the first replica run paused PAID 4.6–6.9 s after a kill).
    ...(multi ? { all: { LOG_LEVEL: "info", ACCESS_LOG_SAMPLE_2XX: "0", LEASE_TTL_MS: "1500" } } : {}),
    // Orders left unpaid by a fault must end (CANCELLED) within the run's bounded wait.
    inventory: {
      RESERVATION_TTL_MS: String(PLAN.ttlMs),
      GUEST_RESERVATION_TTL_MS: String(PLAN.ttlMs),
      EXPIRY_SWEEP_MS: "500",
    },
  },
});
const instances = SERVICE_NAMES.reduce((n, name) => n + p.replicas[name].length, 0);
note(
  `platform ready (${SERVICE_NAMES.length} services as ${instances} processes + gateway, cold start ${(p.coldStartMs / 1000).toFixed(1)} s)`,
);
const violations: string[] = [];
let keepFiles = process.argv.includes("--keep");
try {
  const skus = await sellableSkus(p, 6);
  for (const sku of skus) await setStock(p, sku, STOCK);
  const before = await stockOf(p, skus);
  const watch = new StatusWatch(p);
  await Bun.sleep(300);

  // The load runs in the background for the whole fault sequence.
  const attempts: Attempt[] = [];
  const stop = new AbortController();
  let loadDone = false;
  const load = runShoppers(p, watch, {
    shoppers: PLAN.shoppers,
    seconds: 3_600, // stopped below, once the faults are over
    signal: stop.signal,
    label: "chaos",
    skuFor: (n, i) => skus[(n + i) % skus.length]!,
    retryMs: RETRY_MS,
    settleMs: SETTLE_MS,
    attempts,
  }).finally(() => {
    loadDone = true;
  });
  note(`load started: ${PLAN.shoppers} guest shoppers checking out through the gateway`);
  await Bun.sleep(PLAN.gapMs);
  const paidBefore = attempts.filter((a) => a.outcome === "paid").length;
  note(`baseline: ${paidBefore} orders paid so far`);

  // One instance, or with replicas one instance of every service (alternating which), in turn.
  const victims = multi
    ? SERVICE_NAMES.map((name, i) => {
        const which = i % p.replicas[name].length;
        return { name: `${name}#${which + 1}`, process: p.replicas[name][which]! };
      })
    : KILLED.map((name) => ({ name, process: p.services[name] }));
  for (const v of victims) {
    await fault(`kill -9 ${v.name}`, () => killAndRestart(v.process, v.name));
    await Bun.sleep(PLAN.gapMs);
  }

  await fault("nats-server restart", async () => {
    note("nats-server stopping (its JetStream store stays on disk)");
    await p.nats.stop();
    await Bun.sleep(PLAN.outageMs);
    await p.nats.restart();
    note("nats-server started again");
  });
  await Bun.sleep(PLAN.gapMs);

  await fault("redis-server stop/start", async () => {
    note("redis-server stopping (it keeps nothing: sessions and rate-limit counters start empty)");
    await p.redis.stop();
    await Bun.sleep(PLAN.redisOutageMs);
    await p.redis.restart();
    note("redis-server started again");
  });
  await Bun.sleep(PLAN.gapMs);

  note(`garbage: ${PLAN.garbageRounds} of each malformed request to the gateway`);
  let garbage: Awaited<ReturnType<typeof sprayGarbage>> = [];
  await fault("garbage to the gateway", async () => {
    garbage = await sprayGarbage(p.gateway.url, PLAN.garbageRounds);
  });
  for (const g of garbage) {
    if (g.bad > 0)
      violations.push(`garbage "${g.name}": ${g.bad} answers ≥ 500 or none (${JSON.stringify(g.statuses)})`);
  }
  note(`garbage done: ${garbage.reduce((n, g) => n + g.bad, 0)} answers ≥ 500 or none`);

  // Proof of recovery under load: new orders reach PAID after the last fault.
  const lastFaultAt = Date.now();
  await Bun.sleep(PLAN.gapMs);
  note("stopping the load (attempts in flight finish)");
  const stopping = Date.now();
  stop.abort();
  await Promise.race([load, Bun.sleep(SETTLE_MS + RETRY_MS)]);
  if (!loadDone) violations.push("shoppers still busy long after the load was stopped");
  note(`load stopped after ${((Date.now() - stopping) / 1000).toFixed(1)} s of draining`);
  watch.close();

  const paidAfterFaults = attempts.filter((a) => a.outcome === "paid" && (a.at ?? 0) >= lastFaultAt).length;
  if (paidAfterFaults === 0) violations.push("no order reached PAID after the last fault");

  const ready = await waitAllReady(p, 30_000);
  note(`readiness: ${ready.ok ? "every /ready 200" : `NOT all ready: ${JSON.stringify(ready.last)}`}`);
  if (!ready.ok) violations.push(`not every service is ready again: ${JSON.stringify(ready.last)}`);

  // Cancelled lines and returns (some damaged) on a few paid orders, so the books cover them too.
  const afterSales = await exerciseAfterSales(p, attempts, { orders: 9, retryMs: 10_000 });
  note(
    `after-sales: ${afterSales.cancelledLines} lines cancelled, ${afterSales.returned} returns received (${afterSales.damaged} damaged)${afterSales.failed ? `, ${afterSales.failed} FAILED: ${afterSales.errors.join("; ")}` : ""}`,
  );
  if (afterSales.failed)
    violations.push(`${afterSales.failed} after-sales steps failed: ${afterSales.errors.join("; ")}`);

  note(`the books (waiting up to ${SETTLE_MS / 1000} s for every order to be final)`);
  const books = await checkBooks(p, { attempts, before, waitMs: SETTLE_MS });
  violations.push(...books.violations);
  note(`books checked: ${books.violations.length === 0 ? "balanced" : books.violations.join("; ")}`);

  // With replicas: the pause in PAID orders after each kill, and singleton work never doubled.
  let leaseSummary = "";
  const breakdowns: string[] = [];
  if (multi) {
    const relayTakeovers = leaseTakeovers(
      p.replicas.orders.flatMap((r) => (r.logFile ? [r.logFile] : [])),
      "orders.outbox-relay",
    );
    for (const f of faults.filter((f) => f.name.startsWith("kill -9"))) {
      const { stallMs } = impact(f, attempts);
      const over = !(stallMs < MAX_PAUSE_AFTER_KILL_MS);
      if (over) violations.push(`${f.name}: no order reached PAID for ${(stallMs / 1000).toFixed(1)} s (limit 2 s)`);
      // Where the pause went: always for orders (#26's slow one), and for any kill over the limit.
      if (over || f.name.startsWith("kill -9 orders"))
        breakdowns.push(
          pauseBreakdown({
            fault: f.name,
            killedAt: f.from,
            attempts,
            ordersDb: join(p.dataDir, "orders", "orders.db"),
            relayTakeovers,
          }),
        );
    }
    const files = SERVICE_NAMES.flatMap((n) => p.replicas[n].flatMap((r) => (r.logFile ? [r.logFile] : [])));
    const runs = leaseRuns(
      files.map((file) => ({ file, killedAt: killedAt.get(file) ?? [] })),
      Date.now(),
    );
    const overlaps = leaseOverlaps(runs);
    const jobs = new Set(runs.map((r) => r.job)).size;
    leaseSummary = `Singleton work: ${runs.length} lease terms of ${jobs} jobs across ${files.length} instances; overlaps (one job running in two instances at once): **${overlaps.length}**.`;
    note(leaseSummary.replaceAll("**", ""));
    if (jobs === 0) violations.push("no lease term found in the logs (is LOG_LEVEL info reaching them?)");
    for (const [a, b] of overlaps.slice(0, 5))
      violations.push(`${a.job} ran twice at once: term ${a.term} (${a.instance}) and term ${b.term} (${b.instance})`);
  }

  // Why orders that did not end PAID ended as they did (the order's own history says).
  const unpaid: string[] = [];
  for (const a of attempts.filter((a) => a.orderId && a.outcome !== "paid").slice(0, 10)) {
    const { order, timeline: history } = await p.admin.orders.orders.admin.byId.query({ orderId: a.orderId! });
    const steps = history.map((e) => {
      const reason = (e.data as { reason?: unknown }).reason;
      return `${e.type} ${e.occurredAt.slice(11, 23)}${typeof reason === "string" ? ` (${reason})` : ""}`;
    });
    unpaid.push(
      `- ${order.number} ${order.status} (shopper saw: ${a.outcome}${a.error ? `, ${a.error}` : ""}): ${steps.join(" → ")}`,
    );
  }

  // --- What happened.
  const count = (o: Attempt["outcome"]) => attempts.filter((a) => a.outcome === o).length;
  const toPaid = summarize(attempts.filter((a) => a.outcome === "paid").map((a) => a.toPaidMs!));
  const errorsByKind = new Map<string, number>();
  for (const a of attempts.filter((a) => a.error)) {
    const kind = a.error!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "…").slice(0, 120);
    errorsByKind.set(kind, (errorsByKind.get(kind) ?? 0) + 1);
  }
  const out: string[] = [];
  out.push(
    `Run: \`bun bench/chaos.ts${SHORT ? " --short" : ""}\` on ${machine()} (shared machine: timings are noisy).`,
  );
  out.push(
    `Load: ${PLAN.shoppers} guest shoppers through the gateway, each call retried up to ${RETRY_MS / 1000} s with the same idempotency key; outages ${PLAN.outageMs / 1000} s (Redis ${PLAN.redisOutageMs / 1000} s); reservation TTL ${PLAN.ttlMs / 1000} s.`,
  );
  out.push("\n#### Timeline\n");
  out.push("| t (s) | event |");
  out.push("|---:|---|");
  for (const e of timeline) out.push(`| ${(e.atMs / 1000).toFixed(1)} | ${e.what} |`);
  out.push("\n#### Shoppers\n");
  out.push(
    "| attempts | paid | rejected | sold out | not confirmed in time | errors | paid after the last fault | to PAID p50 / p99 / max ms |",
  );
  out.push("|---:|---:|---:|---:|---:|---:|---:|---:|");
  out.push(
    `| ${attempts.length} | ${count("paid")} | ${count("rejected")} | ${count("sold-out")} | ${count("unconfirmed")} | ${count("error")} | ${paidAfterFaults} | ${ms(toPaid.p50)} / ${ms(toPaid.p99)} / ${ms(toPaid.max)} |`,
  );
  out.push("\n#### Each fault's effect on checkouts\n");
  out.push(
    "| fault | lasted s | orders paid meanwhile | longest time with no order reaching PAID s | first PAID after its start s | slowest checkout in flight during it s |",
  );
  out.push("|---|---:|---:|---:|---:|---:|");
  for (const f of faults) {
    const i = impact(f, attempts);
    const s = (v: number) => (Number.isFinite(v) ? (v / 1000).toFixed(1) : "–");
    out.push(
      `| ${f.name} | ${s(f.to - f.from)} | ${i.paidDuring} | ${s(i.stallMs)} | ${s(i.firstPaidAfterStartMs)} | ${s(i.slowestMs)} |`,
    );
  }
  if (errorsByKind.size > 0) {
    out.push("\nWhat shoppers saw when a call failed for good (after retries):\n");
    for (const [kind, n] of errorsByKind) out.push(`- ${n} × ${kind}`);
  }
  if (unpaid.length > 0) {
    out.push("\nOrders of the run that did not end PAID (times UTC):\n");
    out.push(...unpaid);
  }
  out.push("\n#### Garbage to the gateway\n");
  out.push("| request | answers |");
  out.push("|---|---|");
  for (const g of garbage) {
    const statuses = Object.entries(g.statuses)
      .map(([s, n]) => `${n} × ${s}`)
      .join(", ");
    out.push(`| ${g.name} | ${statuses} |`);
  }
  if (leaseSummary) out.push(`\n${leaseSummary}`);
  for (const b of breakdowns) out.push(`\n${b}`);
  out.push("\n#### The books afterwards\n");
  out.push(booksTable(books));
  out.push(
    `\nUnanswered checkouts whose order exists anyway (answer lost, order kept): ${books.unansweredButPlaced}. Readiness after the run: ${ready.ok ? "every service 200" : JSON.stringify(ready.last)}.`,
  );
  out.push(
    violations.length === 0 ? "\nResult: **no violation**." : `\nResult: **VIOLATIONS**: ${violations.join("; ")}`,
  );
  const markdown = out.join("\n");
  console.log(`\n${markdown}\n`);
  if (!SHORT) {
    writeSection(join(ROOT, "docs/RELIABILITY.md"), "chaos", markdown, "Reliability");
    console.log("written to docs/RELIABILITY.md");
  }
} catch (err) {
  violations.push(`the run itself failed: ${err instanceof Error ? err.message : String(err)}`);
  console.error(err);
}
if (violations.length > 0) {
  keepFiles = true;
  console.error(`\nCHAOS FAILED (${violations.length}):\n- ${violations.join("\n- ")}`);
  console.error(`logs and databases kept in ${p.dataDir}`);
  for (const name of SERVICE_NAMES) {
    const lines = tail(p.services[name].logFile, 5);
    if (lines.trim()) console.error(`--- ${name} (last lines)\n${lines}`);
  }
}
await p.dispose(keepFiles);
process.exit(violations.length > 0 ? 1 : 0);
