// The demo orders are real (issue #19): the dev launcher's `placeDemoOrders` places them through
// the gateway and the saga (cart of demo SKUs, checkout, the test card, then the demo admin's
// ship/deliver/refund), so each has its payment, its stock in the ledger and working refunds;
// a second run places none. And in demo mode only the demo catalog's SKUs get demo stock: a
// product an admin creates starts at zero, with no ledger entry.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { startPlatform, type TestPlatform } from "@mercato/testing";
import { DEMO_ORDERS, placeDemoOrders } from "../../../scripts/demo-orders.ts";

const SERVICES = SERVICE_NAMES.filter((n): n is Exclude<ServiceName, "notifications"> => n !== "notifications");

let platform: TestPlatform<(typeof SERVICES)[number]>;
let adminToken: () => Promise<string | null>;

beforeAll(async () => {
  platform = await startPlatform({
    services: SERVICES,
    gateway: true,
    seedDemo: true,
    readyTimeoutMs: 90_000,
    env: { all: { NODE_ENV: "test" } },
  });
  const admin = await platform.signInDemoAdmin();
  adminToken = () => admin.getToken();
}, 120_000);

afterAll(async () => {
  await platform?.dispose();
});

const admin = <N extends ServiceName>(name: N) => platform.client(name, { token: adminToken });

describe("the demo orders", () => {
  test("are placed through the saga with real payments, once", async () => {
    const run = () =>
      placeDemoOrders({
        gatewayUrl: platform.gateway!.url,
        identityUrl: platform.urls.identity,
        timeoutMs: 45_000,
      });
    const first = await run();
    expect(first).toMatchObject({ existing: 0 });
    expect(first.placed).toHaveLength(DEMO_ORDERS.length);
    // Re-running the launcher finds them and places nothing.
    expect(await run()).toEqual({ placed: [], existing: DEMO_ORDERS.length });

    const orders = admin("orders");
    const payments = admin("payments");
    let taken = 0;
    let refunded = 0;
    for (const [i, orderId] of first.placed.entries()) {
      const spec = DEMO_ORDERS[i]!;
      const { order } = await orders.orders.admin.byId.query({ orderId });
      expect(order.email).toBe(spec.email);
      expect(order.totals.currency).toBe("EUR");
      // Demo catalog SKUs, priced by checkout (no SKU missing from the catalog, no hard-coded tax).
      const skus = order.lines.map((l) => l.sku);
      const found = await platform.client("catalog").catalog.products.bySkus.query({ skus });
      expect(found.map((v) => v.sku).sort()).toEqual([...skus].sort());
      const paid = await payments.payments.admin.listForOrder.query({ orderId });
      expect(paid).toHaveLength(1);
      expect(paid[0]).toMatchObject({ purpose: "order", provider: "test", amount: order.totals.total });
      taken += paid[0]!.amount;
      refunded += paid[0]!.refundedTotal;
      if (spec.end === "refunded") {
        expect(paid[0]).toMatchObject({ status: "refunded", refundedTotal: order.totals.total });
      } else {
        expect(paid[0]!.status).toBe("succeeded");
      }
    }
    // The dashboard counts the money really taken, less what was given back.
    const books = await platform.client("orders", { service: true }).orders.internal.books.query();
    const eur = books.currencies.find((c) => c.currency === "EUR");
    expect(eur).toMatchObject({ paidTotal: taken, refundedTotal: refunded });
    // And inventory's books balance: every demo order's units went through the ledger.
    const totals = await platform.client("inventory", { service: true }).inventory.internal.totals.query();
    expect(totals.balanced).toBe(true);
  }, 240_000);
});

describe("demo stock", () => {
  test("a SKU an admin creates starts at zero with no ledger entry, though inventory seeds demo stock", async () => {
    const sku = "ADMIN-MADE-1";
    await admin("catalog").catalog.admin.products.create.mutate({
      title: "Admin-made tote",
      status: "active",
      images: [{ url: "https://img.example/tote.jpg", alt: "Tote" }],
      variants: [{ sku, prices: [{ currency: "EUR", amount: 1500 }], weightGrams: 200 }],
    });
    const inventory = admin("inventory");
    const deadline = Date.now() + 20_000;
    let row: { sku: string; onHand: number } | undefined;
    while (!row) {
      const page = await inventory.inventory.admin.list.query({ q: sku });
      row = page.items.find((s) => s.sku === sku);
      if (!row && Date.now() > deadline) throw new Error("inventory never heard of the admin's SKU");
      if (!row) await Bun.sleep(100);
    }
    expect(row.onHand).toBe(0);
    expect(await inventory.inventory.admin.ledger.query({ sku })).toEqual([]);
    // The demo catalog's own SKUs did get their demo stock.
    const totals = await platform.client("inventory", { service: true }).inventory.internal.totals.query();
    expect(totals.skus.filter((s) => s.onHand > 0).length).toBeGreaterThan(10);
  }, 60_000);
});
