/**
 * Analytics on the real platform (#23): identity, catalog, inventory, cart, payments (test
 * provider) and orders on private NATS and Redis, analytics as its own process. A bounded run of
 * checkouts in two currencies — paid, refunded in part and in full, rejected for stock — then:
 * analytics' totals equal a recount from the orders book and the payments book, per UTC day and
 * currency, exactly; analytics killed (SIGKILL) in the middle of a second run and restarted still
 * ends exact; an event delivered again changes nothing; and `analytics:rebuild` (a real
 * subprocess, as analytics' own NATS user) rebuilds from the streams the same rows as the live ones.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, type Database } from "@mercato/db";
import { EventBus, OrderPaidEvent, streamFor } from "@mercato/events";
import { createLogger } from "@mercato/kit";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import {
  eventually,
  type NatsServer,
  setStock,
  startPlatform,
  type TestPlatform,
  type TestUser,
  tempDir,
} from "@mercato/testing";
import * as schema from "../src/db/schema.ts";
import { utcDay } from "../src/domain/days.ts";
import { dumpAggregates } from "./dump.ts";

type Saga = Exclude<ServiceName, "notifications">;
const SAGA = SERVICE_NAMES.filter((n): n is Saga => n !== "notifications");
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

let p: TestPlatform<Saga, "orders" | "payments">;
let admin: TestUser;
let analyticsDb: Database<typeof schema>;

const EU_ADDRESS = { name: "Ada Lovelace", line1: "1 Test Street", city: "Berlin", postalCode: "10115", country: "DE" };
const UK_ADDRESS = { name: "Alan Turing", line1: "2 Test Road", city: "London", postalCode: "SW1A 1AA", country: "GB" };

const adminAnalytics = () => p.client("analytics", { token: admin.getToken });

async function skus(count: number): Promise<string[]> {
  const page = await p.client("catalog").catalog.products.list.query({ limit: 48 });
  const all = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku));
  return all.slice(0, count);
}

/** A guest cart with `lines` in `regionId`, checked out; the order id and its access token. */
async function checkout(lines: { sku: string; quantity: number }[], regionId: "eu" | "uk", email: string) {
  const cart = p.client("cart");
  let token: string | undefined;
  for (const line of lines) {
    const res = await cart.cart.addItem.mutate({ ...line, ...(token ? { cartToken: token } : { regionId }) });
    token ??= res.cartToken ?? undefined;
  }
  if (!token) throw new Error("no cart token");
  return p.client("orders").orders.checkout.mutate({
    cartToken: token,
    email,
    shippingAddress: regionId === "uk" ? UK_ADDRESS : EU_ADDRESS,
    idempotencyKey: crypto.randomUUID(),
  });
}

type Placed = Awaited<ReturnType<typeof checkout>>;

async function orderView(placed: Placed) {
  return p
    .client("orders", { headers: { "x-order-token": `${placed.orderId}=${placed.accessToken}` } })
    .orders.byId.query({ orderId: placed.orderId });
}

async function pay(placed: Placed) {
  const o = await eventually(async () => {
    const v = await orderView(placed);
    return v.paymentStatus === "AWAITING" && v.payment?.clientSecret ? v : undefined;
  }, 20_000);
  if (!o.payment?.clientSecret) throw new Error("no payment");
  await p.client("payments").payments.confirmTest.mutate({
    paymentId: o.payment.paymentId,
    clientSecret: o.payment.clientSecret,
    card: "4242424242424242",
  });
  return eventually(async () => {
    const v = await orderView(placed);
    return v.paymentStatus === "PAID" ? v : undefined;
  }, 20_000);
}

async function refund(orderId: string, amount: number) {
  await p
    .client("orders", { token: admin.getToken })
    .orders.admin.refund.mutate({ orderId, amount, reason: "analytics e2e", idempotencyKey: crypto.randomUUID() });
}

interface DayBook {
  orders: number;
  revenue: number;
  refunded: number;
}
type Books = Record<string, DayBook>; // `${day} ${currency}`

const rows = async (db: { client: { execute(sql: string): Promise<{ rows: unknown[] }> } }, sql: string) =>
  (await db.client.execute(sql)).rows as Record<string, unknown>[];

function add(books: Books, key: string, d: Partial<DayBook>) {
  const b = books[key] ?? { orders: 0, revenue: 0, refunded: 0 };
  b.orders += d.orders ?? 0;
  b.revenue += d.revenue ?? 0;
  b.refunded += d.refunded ?? 0;
  books[key] = b;
}

/** The orders book: paid orders and their totals per UTC day of payment; refunds issued per day. */
async function ordersBook(): Promise<Books> {
  const db = p.inProcess.orders.deps.db as never;
  const books: Books = {};
  for (const r of await rows(
    db,
    `SELECT strftime('%Y-%m-%d', paid_at / 1000, 'unixepoch') AS day, currency, count(*) AS n, sum(total) AS total
     FROM order_views WHERE paid_at IS NOT NULL GROUP BY day, currency`,
  )) {
    add(books, `${r.day} ${r.currency}`, { orders: Number(r.n), revenue: Number(r.total) });
  }
  for (const r of await rows(
    db,
    `SELECT substr(e.occurred_at, 1, 10) AS day, v.currency, sum(json_extract(e.data, '$.amount')) AS amount
     FROM order_events e JOIN order_views v ON v.id = e.order_id
     WHERE e.type = 'RefundIssued' GROUP BY day, v.currency`,
  )) {
    add(books, `${r.day} ${r.currency}`, { refunded: Number(r.amount) });
  }
  return books;
}

/** The payments book: checkout payments taken per UTC day and currency, and refunds that went through. */
async function paymentsBook(): Promise<Books> {
  const db = p.inProcess.payments.deps.db as never;
  const books: Books = {};
  for (const r of await rows(
    db,
    `SELECT strftime('%Y-%m-%d', succeeded_at / 1000, 'unixepoch') AS day, currency, count(*) AS n, sum(amount) AS total
     FROM payments WHERE succeeded_at IS NOT NULL AND purpose = 'order' GROUP BY day, currency`,
  )) {
    add(books, `${r.day} ${r.currency}`, { orders: Number(r.n), revenue: Number(r.total) });
  }
  for (const r of await rows(
    db,
    `SELECT strftime('%Y-%m-%d', r.updated_at / 1000, 'unixepoch') AS day, pay.currency, sum(r.amount) AS amount
     FROM refunds r JOIN payments pay ON pay.id = r.payment_id WHERE r.status = 'succeeded' GROUP BY day, pay.currency`,
  )) {
    add(books, `${r.day} ${r.currency}`, { refunded: Number(r.amount) });
  }
  return books;
}

/** What analytics says, through its admin API (per day and currency), and its payments side from its own book. */
async function analyticsBooks(): Promise<{ sales: Books; payments: Books }> {
  const sales: Books = {};
  const payments: Books = {};
  const today = utcDay(new Date());
  for (const currency of ["EUR", "GBP"] as const) {
    const report = await adminAnalytics().analytics.admin.report.query({ from: "2026-01-01", to: today, currency });
    for (const d of report.byDay) {
      if (d.orders || d.revenue || d.refunded) {
        add(sales, `${d.day} ${currency}`, { orders: d.orders, revenue: d.revenue, refunded: d.refunded });
      }
    }
  }
  for (const r of await analyticsDb.orm.select().from(schema.dailyPayments)) {
    add(payments, `${r.day} ${r.currency}`, {
      orders: r.succeeded,
      revenue: r.captured,
      refunded: r.refunds ? r.refunded : 0,
    });
  }
  return { sales, payments };
}

/** Waits until analytics agrees with both books, exactly; returns them. */
async function agreeing(timeoutMs = 30_000) {
  let last: unknown;
  try {
    return await eventually(async () => {
      const [orders, payments, seen] = await Promise.all([ordersBook(), paymentsBook(), analyticsBooks()]);
      last = { orders, payments, seen };
      return Bun.deepEquals(seen.sales, orders) && Bun.deepEquals(seen.payments, payments)
        ? { orders, seen }
        : undefined;
    }, timeoutMs);
  } catch (err) {
    console.error("last books seen:", JSON.stringify(last, null, 1));
    throw err;
  }
}

beforeAll(async () => {
  p = await startPlatform({
    services: SAGA,
    inProcess: ["orders", "payments"],
    seedDemo: true,
    env: { catalog: { SEARCH_EVENT_SAMPLE_RATE: "1" } },
  });
  admin = await p.signInDemoAdmin();
  analyticsDb = createDatabase(`file:${join(p.dir, "analytics", "analytics.db")}`, schema);
}, 120_000);

afterAll(async () => {
  analyticsDb?.close();
  await p?.dispose();
});

describe("analytics against the books", () => {
  let plenty: string[] = [];
  let scarce = "";

  test("a run of checkouts, refunds and rejected orders: totals equal the orders and payments books per day and currency", async () => {
    const found = await skus(4);
    scarce = found[0] ?? "";
    plenty = found.slice(1);
    await eventually(async () => {
      const known = await p.client("inventory").inventory.availability.query({ skus: found });
      return known.length === found.length ? true : undefined;
    }, 30_000);
    for (const sku of plenty)
      await setStock(p.client("inventory", { token: admin.getToken }).inventory, sku, 1000, "e2e");
    await setStock(p.client("inventory", { token: admin.getToken }).inventory, scarce, 5, "e2e");

    const paid: Placed[] = [];
    for (let i = 0; i < 6; i++) {
      const region = i % 3 === 2 ? "uk" : "eu";
      const placed = await checkout(
        [{ sku: plenty[i % plenty.length] ?? "", quantity: 1 + (i % 2) }],
        region,
        // Two orders by the same guest: one new customer, one returning.
        i < 2 ? "repeat@example.com" : `shopper-${i}@example.com`,
      );
      await pay(placed);
      paid.push(placed);
    }
    // A partial refund and a full one.
    const first = await orderView(paid[0] as Placed);
    await refund(first.id, 100);
    const second = await orderView(paid[1] as Placed);
    await refund(second.id, second.totals.total);

    // Rejected for stock: the cart took 3 while 5 were there, then stock fell to 1 before checkout.
    const inventoryAdmin = p.client("inventory", { token: admin.getToken }).inventory;
    const held = await p.client("cart").cart.addItem.mutate({ sku: scarce, quantity: 3, regionId: "eu" });
    await setStock(inventoryAdmin, scarce, 1, "e2e");
    const rejected = await p.client("orders").orders.checkout.mutate({
      cartToken: held.cartToken ?? "",
      email: "too-late@example.com",
      shippingAddress: EU_ADDRESS,
      idempotencyKey: crypto.randomUUID(),
    });
    await eventually(async () => ((await orderView(rejected)).status === "CANCELLED" ? true : undefined), 20_000);

    // Searches reach the catalog directly (no gateway cache): one finds nothing.
    await p.client("catalog").catalog.products.list.query({ q: "zzqx nothing here" });
    await p.client("catalog").catalog.products.list.query({ q: "zzqx nothing here" });

    const { orders, seen } = await agreeing();
    expect(Object.keys(orders).some((k) => k.endsWith("GBP"))).toBe(true);
    expect(Object.values(seen.sales).reduce((n, b) => n + b.orders, 0)).toBeGreaterThanOrEqual(6);
    expect(Object.values(seen.sales).reduce((n, b) => n + b.refunded, 0)).toBe(100 + second.totals.total);

    const report = await adminAnalytics().analytics.admin.report.query({
      from: utcDay(new Date()),
      to: utcDay(new Date()),
      currency: "EUR",
    });
    expect(report.totals.cancelledUnpaid).toBeGreaterThanOrEqual(1);
    expect(report.totals.newCustomers + report.totals.returningCustomers).toBe(report.totals.orders);
    expect(report.totals.returningCustomers).toBeGreaterThanOrEqual(1);
    expect(report.funnel.carts).toBeGreaterThanOrEqual(report.totals.checkouts - 1);
    expect(report.funnel.checkouts).toBe(report.totals.checkouts);
    expect(report.topProducts.length).toBeGreaterThan(0);
    await eventually(async () => {
      const r = await adminAnalytics().analytics.admin.report.query({
        from: report.range.from,
        to: report.range.to,
        currency: "EUR",
      });
      return r.zeroResultSearches.find((s) => s.query === "zzqx nothing here" && s.zeroResults === 2)
        ? true
        : undefined;
    }, 15_000);
  }, 180_000);

  test("killed mid-stream and restarted, analytics still ends exact", async () => {
    const run = (async () => {
      const out: Placed[] = [];
      for (let i = 0; i < 6; i++) {
        const placed = await checkout(
          [{ sku: plenty[i % plenty.length] ?? "", quantity: 1 }],
          i % 2 ? "uk" : "eu",
          `k${i}@example.com`,
        );
        await pay(placed);
        out.push(placed);
        if (i === 2) {
          // Mid-stream: orders are being placed and paid while analytics dies without a goodbye.
          await p.kill("analytics", "SIGKILL");
        }
      }
      return out;
    })();
    let paid: Placed[] = [];
    try {
      paid = await run;
      await refund(paid[0]?.orderId ?? "", 50);
    } finally {
      await p.restart("analytics");
    }
    expect(paid.length).toBe(6);
    await agreeing(45_000);
  }, 180_000);

  test("an event delivered again changes nothing", async () => {
    const before = await dumpAggregates(analyticsDb);
    const lag = p.client("analytics", { service: true }).analytics.internal.lag;
    const seen = (await lag.query({ reset: false })).events;
    const operator = await EventBus.connect((p.nats as NatsServer).url, "test", createLogger("e2e", "silent"));
    try {
      const info = await operator.jsm.streams.info(streamFor("orders"));
      let republished = 0;
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && republished < 3; seq++) {
        const msg = await operator.jsm.streams.getMessage(streamFor("orders"), { seq });
        if (msg?.subject !== OrderPaidEvent.type) continue;
        // A new message id, so JetStream keeps it: the same event (same id) reaches analytics twice.
        await operator.js.publish(msg.subject, msg.data, { msgID: crypto.randomUUID() });
        republished += 1;
      }
      expect(republished).toBe(3);
      // Handled (the lag meter counts every delivery it handles), and counted by nothing.
      await eventually(async () => ((await lag.query({ reset: false })).events >= seen + 3 ? true : undefined), 15_000);
    } finally {
      await operator.close();
    }
    expect(await dumpAggregates(analyticsDb)).toEqual(before);
    await agreeing(5_000);
  }, 60_000);

  test("bun run analytics:rebuild replays the streams into the same rows as the live consumers", async () => {
    const into = tempDir("analytics-rebuild-");
    try {
      const file = join(into.path, "rebuilt.db");
      const proc = Bun.spawn(["bun", "run", "analytics:rebuild", "--into", file], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: `file:${join(p.dir, "analytics", "analytics.db")}`,
          NATS_URL: (p.nats as NatsServer).urlFor("analytics"),
          LOG_LEVEL: "warn",
        },
        stdout: "pipe",
        stderr: "pipe",
      });
      const [code, out, err] = await Promise.all([
        proc.exited,
        new Response(proc.stdout).text(),
        new Response(proc.stderr).text(),
      ]);
      expect({ code, err: code === 0 ? "" : err }).toEqual({ code: 0, err: "" });
      expect(out).toContain("rebuilt analytics from");
      const rebuilt = createDatabase(`file:${file}`, schema);
      try {
        expect(await dumpAggregates(rebuilt)).toEqual(await dumpAggregates(analyticsDb));
      } finally {
        rebuilt.close();
      }
    } finally {
      into.dispose();
    }
  }, 120_000);
});
