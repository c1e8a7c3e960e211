/**
 * Inventory reservations per second, bounded in time, on loopback only:
 *   - the reservation function on a temp libSQL file (one hot SKU; spread over 10,000 SKUs)
 *   - end to end: `orders.placed.v1` published to NATS → the inventory service (in process,
 *     consumer concurrency 8) → reservation committed with its outcome event in the outbox.
 * Each run ends with the books check (ledger sums == stock for every SKU).
 * Run: `bun bench/inventory.ts` (BENCH_SECONDS caps each scenario, default 3).
 */
import { createEvent, OrderPlacedEvent } from "@mercato/events";
import { inventoryService } from "@mercato/inventory/service";
import { applyMovement, books, ensureStock, type InventoryDb, reserveOrder } from "@mercato/inventory/testing";
import { startNats, startRedis, startTestIssuer, startTestService, tempDatabase } from "@mercato/testing";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const SPREAD_SKUS = 10_000;
const HOT_UNITS = 1_000_000;

interface Row {
  scenario: string;
  orders: number;
  reserved: number;
  rejected: number;
  seconds: number;
  balanced: boolean;
}

/** Deterministic pseudo-random numbers, so runs are comparable. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function orderLines(random: () => number, skus: string[]) {
  const count = skus.length === 1 ? 1 : 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, () => ({
    sku: skus[Math.floor(random() * skus.length)]!,
    quantity: 1 + Math.floor(random() * 3),
  }));
}

async function seed(db: InventoryDb, skus: string[], hot: boolean) {
  for (let i = 0; i < skus.length; i += 1_000) {
    const chunk = skus.slice(i, i + 1_000);
    // Spread SKUs get the demo quantities (0..40: many sell out); the hot SKU gets plenty.
    await db.write((tx) => ensureStock(tx, chunk, { now: new Date(), lowStockThreshold: 5, demo: !hot }));
  }
  if (hot) {
    await db.write((tx) =>
      applyMovement(
        tx,
        { sku: skus[0]!, kind: "receive", deltaOnHand: HOT_UNITS, deltaReserved: 0, reason: "bench", actor: "bench" },
        { now: new Date() },
      ),
    );
  }
}

async function outcomes(db: InventoryDb, prefix: string) {
  // The raw client: drizzle is the app's dependency, not the bench folder's.
  const { rows } = await db.client.execute({
    sql: "select status, count(*) as n from reservations where order_id like ? group by status",
    args: [`${prefix}%`],
  });
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  const reserved = count("active");
  const rejected = count("rejected");
  return { total: reserved + rejected, reserved, rejected };
}

/** Calls the reservation function 64 at a time until the time is up. */
async function benchFunction(scenario: string, skus: string[], hot: boolean): Promise<Row> {
  const temp = await tempDatabase(inventoryService.def.schema, inventoryService.def.migrationsFolder);
  try {
    await seed(temp.db, skus, hot);
    const random = lcg(42);
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    let n = 0;
    while (performance.now() < deadline) {
      await Promise.all(
        Array.from({ length: 64 }, () => {
          const orderId = `fn-${n++}`;
          const lines = orderLines(random, skus);
          return temp.db.write((tx) => reserveOrder(tx, { orderId, lines, ttlMs: 900_000, now: new Date() }));
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const o = await outcomes(temp.db, "fn-");
    const sheet = await books(temp.db);
    return { scenario, orders: o.total, ...o, seconds, balanced: sheet.every((b) => b.balanced) };
  } finally {
    temp.dispose();
  }
}

/** Publishes orders.placed to NATS and times the service until every order has its answer. */
async function benchEndToEnd(scenario: string, skus: string[], hot: boolean, orders: number): Promise<Row> {
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const inventory = await startTestService(inventoryService, { service: "inventory", nats, redis, issuer });
  try {
    const { db, bus, relay } = inventory.deps;
    await seed(db, skus, hot);
    await relay.drain(); // the seeding's stock.changed events are not part of the measurement
    const random = lcg(7);
    const events = Array.from({ length: orders }, (_, i) => {
      const orderId = `e2e-${i}`;
      return createEvent(
        OrderPlacedEvent,
        {
          orderId,
          number: orderId,
          userId: null,
          email: "bench@example.com",
          cartId: null,
          lines: orderLines(random, skus).map((l) => ({ ...l, productId: "p", title: "t", unitPrice: 100 })),
          totals: { currency: "EUR", subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0 },
          discountCode: null,
          shippingAddress: { name: "B", line1: "1", city: "C", postalCode: "1", country: "DE" },
        },
        { key: orderId },
      );
    });
    const started = performance.now();
    for (let i = 0; i < events.length; i += 500) {
      await Promise.all(
        events
          .slice(i, i + 500)
          .map((e) =>
            bus.publishRaw(e.type, JSON.stringify(e), e.id, { "x-correlation-id": e.id, "x-event-key": e.key! }),
          ),
      );
    }
    const deadline = started + 60_000;
    let o = await outcomes(db, "e2e-");
    while (o.total < orders && performance.now() < deadline) {
      await Bun.sleep(20);
      o = await outcomes(db, "e2e-");
    }
    const seconds = (performance.now() - started) / 1000;
    const sheet = await books(db);
    return { scenario, orders: o.total, ...o, seconds, balanced: sheet.every((b) => b.balanced) };
  } finally {
    await inventory.dispose();
    issuer.stop();
    await Promise.all([nats.dispose(), redis.dispose()]);
  }
}

const hot = ["HOT-1"];
const spread = Array.from({ length: SPREAD_SKUS }, (_, i) => `SKU-${String(i).padStart(5, "0")}`);
const e2eOrders = Number(process.env.BENCH_E2E_ORDERS ?? 2_000);

const rows: Row[] = [];
rows.push(await benchFunction("function, 1 hot SKU", hot, true));
rows.push(await benchFunction(`function, ${SPREAD_SKUS.toLocaleString("en")} SKUs`, spread, false));
rows.push(await benchEndToEnd("NATS end to end, 1 hot SKU", hot, true, e2eOrders));
rows.push(await benchEndToEnd(`NATS end to end, ${SPREAD_SKUS.toLocaleString("en")} SKUs`, spread, false, e2eOrders));

console.log("\n| scenario | orders | reserved | rejected | seconds | orders/s | books balanced |");
console.log("|---|---:|---:|---:|---:|---:|:---:|");
for (const r of rows) {
  console.log(
    `| ${r.scenario} | ${r.orders} | ${r.reserved} | ${r.rejected} | ${r.seconds.toFixed(2)} | ${Math.round(
      r.orders / r.seconds,
    )} | ${r.balanced ? "yes" : "NO"} |`,
  );
}
if (rows.some((r) => !r.balanced)) process.exit(1);
