/**
 * Complete checkouts per second, end to end, on loopback only: catalog, inventory, cart, payments
 * (test provider) and orders each in their own process on private NATS and Redis. Each of N
 * concurrent shoppers loops: fill a guest cart → `orders.checkout` → `payments.confirmTest` →
 * wait (admin live feed) until the order is PAID. Latency is from checkout to PAID.
 * One SKU is scarce on purpose, so shoppers race for it. The run ends with the books: no unit
 * oversold (paid units ≤ stock, inventory levels = start − paid), no order lost (every placed
 * order is in the orders books and ended PAID or CANCELLED), inventory ledger balanced.
 * Analytics consumes every event of the run beside them: its consumer lag (event committed →
 * recorded by analytics) is measured over the run and printed after the books (#23).
 * Run: `bun bench/checkout.ts` (BENCH_SECONDS, default 10; BENCH_SHOPPERS, default 32).
 */
import type { AnalyticsRouter } from "@mercato/analytics";
import type { OrderChange, OrdersRouter } from "@mercato/orders";
import { availableOf, clientFor, guestCart, sellableSkus, setStock, startPlatform } from "@mercato/orders/testing";
import { replicaCount, SERVICE_NAMES } from "@mercato/registry";
import { cpuMsOf } from "./lib/proc.ts";
import { benchRegion, checkoutPhase } from "./lib/shopper.ts";
import { percentile } from "./lib/stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 32);
const PLENTY = 10_000;
const SCARCE = 20;
const SETTLE_MS = 15_000;

// BENCH_OTLP_ENDPOINT: every service exports traces there, sampled at BENCH_TRACE_RATIO (bench/checkout-tracing.ts).
const OTLP = process.env.BENCH_OTLP_ENDPOINT;
// A loaded shared machine can take longer than the default 45 s to start seven processes.
const readyTimeoutMs = Number(process.env.BENCH_READY_TIMEOUT_MS ?? 45_000);
// REPLICAS / REPLICAS_<NAME>: instances per service (#26), one by default.
const replicas = Object.fromEntries(SERVICE_NAMES.map((n) => [n, replicaCount(n, process.env)]));
const p = await startPlatform(
  OTLP
    ? {
        readyTimeoutMs,
        replicas,
        env: {
          all: {
            OTEL_EXPORTER_OTLP_ENDPOINT: OTLP,
            OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
            OTEL_TRACES_SAMPLER_ARG: process.env.BENCH_TRACE_RATIO ?? "0.1",
          },
        },
      }
    : { readyTimeoutMs, replicas },
);
try {
  const skus = await sellableSkus(p, 9);
  const scarce = skus[0]!;
  const plenty = skus.slice(1);
  await setStock(p, scarce, SCARCE);
  for (const sku of plenty) await setStock(p, sku, PLENTY);
  const initial = new Map([[scarce, SCARCE], ...plenty.map((s) => [s, PLENTY] as const)]);

  // One live feed for every order's transitions, instead of each shopper polling.
  const statuses = new Map<string, string>();
  const waiters = new Map<string, { status: string; resolve: () => void }[]>();
  const feed = clientFor<OrdersRouter>(p.urls.orders, { token: p.adminToken });
  const sub = feed.orders.admin.onFeed.subscribe(undefined, {
    onData: (change: OrderChange) => {
      const phase = checkoutPhase(change);
      statuses.set(change.orderId, phase);
      const list = waiters.get(change.orderId) ?? [];
      for (const w of list.filter((w) => w.status === phase)) w.resolve();
      waiters.set(
        change.orderId,
        list.filter((w) => w.status !== phase),
      );
    },
  });
  const reach = (orderId: string, status: string, timeoutMs = 10_000) =>
    new Promise<boolean>((resolve) => {
      if (statuses.get(orderId) === status) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiters.set(orderId, [
        ...(waiters.get(orderId) ?? []),
        {
          status,
          resolve: () => {
            clearTimeout(timer);
            resolve(true);
          },
        },
      ]);
    });
  await Bun.sleep(300); // the feed's SSE connection is open before the first order

  // Analytics' lag meter counts from here: the demo data's events before the run are not the run's.
  const analytics = clientFor<AnalyticsRouter>(p.urls.analytics, { service: "ops" }).analytics.internal.lag;
  await analytics.query({ reset: true });

  const shop = p.shop.orders();
  const latencies: number[] = [];
  /** Where the time goes: checkout answered (placed + reserved + intent), then confirm → PAID heard. */
  const placing: number[] = [];
  const paying: number[] = [];
  const before = await p.internal.orders.orders.internal.books.query();
  const placed: { orderId: string; sku: string }[] = [];
  const paidUnits = new Map<string, number>();
  let rejected = 0;
  let errors = 0;
  let soldOut = 0;
  const cpuBefore = cpuSnapshot();
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();

  const shopper = async (n: number) => {
    for (let i = 0; performance.now() < until; i++) {
      const sku = (n + i) % 10 === 0 ? scarce : plenty[(n + i) % plenty.length]!;
      try {
        const region = benchRegion(n);
        const cartToken = await guestCart(p, [{ sku, quantity: 1 }], region.regionId).catch((err: unknown) => {
          if (sku === scarce && String(err).includes("quantity:")) return null;
          throw err;
        });
        if (!cartToken) {
          soldOut++;
          continue;
        }
        const t0 = performance.now();
        const order = await shop.orders.checkout.mutate({
          cartToken,
          email: `shopper${n}@example.com`,
          shippingAddress: region.address,
          idempotencyKey: crypto.randomUUID(),
        });
        placed.push({ orderId: order.orderId, sku });
        const t1 = performance.now();
        placing.push(t1 - t0);
        let payment = order.payment;
        if (!payment?.clientSecret && order.status === "PENDING") {
          // The order stays PENDING while its payment is asked for, and the admin feed tells
          // status changes only: look until it can be paid.
          // A guest's access token rides in the x-order-token header, never in the read's URL.
          const holder = p.shop.orders(undefined, { "x-order-token": order.accessToken });
          const deadline = Date.now() + 3_000;
          for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
            const detail = await holder.orders.byId.query({ orderId: order.orderId });
            payment = detail.payment;
            if (payment?.clientSecret || detail.status === "CANCELLED") break;
            await Bun.sleep(delay);
          }
        }
        if (!payment?.clientSecret) {
          rejected++;
          continue;
        }
        await p.shop.payments.payments.confirmTest.mutate({
          paymentId: payment.paymentId,
          clientSecret: payment.clientSecret,
          card: "4242424242424242",
        });
        const t2 = performance.now();
        if (await reach(order.orderId, "PAID")) {
          latencies.push(performance.now() - t0);
          paying.push(performance.now() - t2);
          paidUnits.set(sku, (paidUnits.get(sku) ?? 0) + 1);
        }
      } catch (err) {
        if (errors++ < 5) console.error(String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: SHOPPERS }, (_, n) => shopper(n)));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = cpuSnapshot();

  // The books, once everything in flight has settled.
  const settleBy = Date.now() + SETTLE_MS;
  let books = await p.internal.orders.orders.internal.books.query();
  while (books.byStatus.PENDING > 0 && Date.now() < settleBy) {
    await Bun.sleep(200);
    books = await p.internal.orders.orders.internal.books.query();
  }
  sub.unsubscribe();
  // Analytics has caught up when its count of handled events stops moving for a second.
  let lag = await analytics.query({ reset: false });
  for (let still = 0; still < 5 && Date.now() < settleBy + SETTLE_MS; ) {
    await Bun.sleep(200);
    const next = await analytics.query({ reset: false });
    still = next.events === lag.events ? still + 1 : 0;
    lag = next;
  }
  const inventory = await p.internal.inventory.inventory.internal.totals.query();
  let oversold = 0;
  let mismatched = 0;
  for (const [sku, start] of initial) {
    const paid = paidUnits.get(sku) ?? 0;
    oversold += Math.max(0, paid - start);
    const level = inventory.skus.find((s) => s.sku === sku);
    if (!level || level.onHand !== start - paid || level.reserved !== 0) mismatched++;
  }
  // Demo orders were there before the run: count only what the run added.
  const added = books.orders - before.orders;
  const unsettled = books.byStatus.PENDING;
  const lost = placed.length - added + unsettled;
  const pct = (values: number[], q: number) =>
    percentile(
      [...values].sort((a, b) => a - b),
      q,
    );

  console.log(
    `\n### Checkout to PAID (${SHOPPERS} shoppers, ${SECONDS} s, ${Object.keys(p.processes).length} services as processes, test provider)\n`,
  );
  console.log(
    "| placed | paid | rejected (scarce SKU) | errors | checkouts/s to PAID | p50 ms | p99 ms | oversold units | lost orders | SKU levels off | ledger balanced |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
  console.log(
    `| ${placed.length} | ${latencies.length} | ${rejected} | ${errors} | ${(latencies.length / elapsed).toFixed(1)} | ${pct(latencies, 0.5).toFixed(1)} | ${pct(latencies, 0.99).toFixed(1)} | ${oversold} | ${lost} | ${mismatched} | ${inventory.balanced ? "yes" : "NO"} |`,
  );
  console.log(
    `\nwhere the time goes (p50 / p99 ms): checkout answered with the payment ${pct(placing, 0.5).toFixed(1)} / ${pct(placing, 0.99).toFixed(1)}; confirm → PAID heard ${pct(paying, 0.5).toFixed(1)} / ${pct(paying, 0.99).toFixed(1)}`,
  );
  console.log(
    `scarce SKU ${scarce}: ${SCARCE} in stock, ${paidUnits.get(scarce) ?? 0} sold, ${await availableOf(p, scarce)} left; ${soldOut} carts refused it once sold out`,
  );
  const perCheckout = Object.entries(cpuAfter).map(
    ([name, ms]) => [name, (ms - (cpuBefore[name] ?? 0)) / Math.max(1, latencies.length)] as const,
  );
  const cpuTotal = perCheckout.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(
    `CPU per checkout to PAID (ms): ${perCheckout.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(", ")}; total ${cpuTotal.toFixed(1)}`,
  );
  console.log(
    `analytics consumer lag (stored in JetStream → recorded) over ${lag.events} events: p50 ${lag.p50Ms} ms, p95 ${lag.p95Ms} ms, p99 ${lag.p99Ms} ms, max ${lag.maxMs} ms; from the event's commit (with the producer's outbox relay): p50 ${lag.endToEnd.p50Ms} ms, p99 ${lag.endToEnd.p99Ms} ms, max ${lag.endToEnd.maxMs} ms`,
  );
  if (lag.maxMs >= 2000) console.log("analytics consumer lag above 2 s");
  // One line for bench/checkout-tracing.ts to read.
  console.log(
    `BENCH_RESULT ${JSON.stringify({ paid: latencies.length, elapsed, cpuPerCheckout: cpuTotal, p50: pct(latencies, 0.5), p99: pct(latencies, 0.99) })}`,
  );
  if (oversold > 0 || lost !== 0 || mismatched > 0 || !inventory.balanced) process.exitCode = 1;
} finally {
  await p.dispose();
}

/** CPU ms used so far by each process of the run: the services, NATS, Redis and this load generator. */
function cpuSnapshot(): Record<string, number> {
  const pids: Record<string, number | undefined> = {
    // Every instance of each service (`orders`, then `orders#2`... with REPLICAS).
    ...Object.fromEntries(
      Object.entries(p.replicas).flatMap(([name, instances]) =>
        instances.map((sp, i) => [i === 0 ? name : `${name}#${i + 1}`, sp.proc.pid] as const),
      ),
    ),
    nats: p.nats.pid,
    redis: p.redis.pid,
    "load generator": process.pid,
  };
  return Object.fromEntries(
    Object.entries(pids).flatMap(([name, pid]) => (pid === undefined ? [] : [[name, cpuMsOf(pid)]])),
  );
}
