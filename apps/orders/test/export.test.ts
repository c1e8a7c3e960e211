// The orders CSV export (#24): the orders service alone on the harness's NATS and Redis, orders
// written through its own event store and projection (appendInTx), the procedure over HTTP.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { everyExportPage, failure, startAlone } from "@mercato/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { parse } from "csv-parse/sync";
import superjson from "superjson";
import { appendInTx } from "../src/app/commit.ts";
import { EXPORT_PAGE_SIZE, ORDER_CSV_COLUMNS } from "../src/contract.ts";
import type { OrdersDeps } from "../src/deps.ts";
import type { NewOrderEvent, OrderPlacedData } from "../src/domain/events.ts";
import type { OrdersRouter } from "../src/index.ts";
import { ordersService } from "../src/service.ts";

let alone: Awaited<ReturnType<typeof startAlone<Awaited<ReturnType<typeof ordersService.run>>>>>;
let deps: OrdersDeps;

const SELLER = "seller-exp";
const LINE = { image: null, options: {} };
const ADDRESS = { name: "A", line1: "1 St", city: "Berlin", postalCode: "10115", country: "DE" };

function placed(i: number, opts: { email?: string; sellerLine?: boolean } = {}): OrderPlacedData {
  const lines = [
    { ...LINE, sku: `EXP-${i}`, productId: "p1", title: "Shop tee", quantity: 2, unitPrice: 2500, sellerId: null },
    ...(opts.sellerLine
      ? [
          {
            ...LINE,
            sku: "SELL-1",
            productId: "p2",
            title: "Seller mug",
            quantity: 1,
            unitPrice: 1200,
            sellerId: SELLER,
          },
        ]
      : []),
  ];
  const subtotal = lines.reduce((n, l) => n + l.quantity * l.unitPrice, 0);
  return {
    orderId: `exp-order-${String(i).padStart(4, "0")}`,
    number: `EXP-${String(i).padStart(6, "0")}`,
    userId: null,
    email: opts.email ?? `buyer${i}@example.com`,
    cartId: null,
    lines,
    regionId: "eu",
    totals: {
      currency: "EUR",
      subtotal,
      discount: 500,
      shipping: 495,
      tax: 798,
      total: subtotal - 500 + 495,
      taxInclusive: true,
      taxLines: [],
    },
    shippingMethod: null,
    discountCode: null,
    giftCard: null,
    shippingAddress: ADDRESS,
    billingAddress: ADDRESS,
    accessTokenHash: "hash",
  };
}

async function write(orderId: string, events: NewOrderEvent[]) {
  await deps.db.write((tx) => appendInTx(tx, orderId, null, events, {}));
}

const client = (claims?: { sub: string; role: string; sel?: string }) =>
  createTRPCClient<OrdersRouter>({
    links: [
      httpBatchLink({
        url: `${alone.service.url}/trpc`,
        transformer: superjson,
        headers: async () =>
          claims
            ? { authorization: `Bearer ${await alone.issuer.sign({ email: `${claims.sub}@example.com`, ...claims })}` }
            : {},
      }),
    ],
  });

const pages = (c: ReturnType<typeof client>) => everyExportPage((input) => c.orders.admin.exports.orders.query(input));

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  alone = await startAlone(ordersService, "orders");
  deps = alone.service.deps as unknown as OrdersDeps;
  for (let i = 0; i < EXPORT_PAGE_SIZE + 3; i++) {
    const data = placed(i, {
      sellerLine: i === 1,
      // A customer-typed email a spreadsheet would run as a formula.
      email: i === 2 ? "-1+2@example.com" : undefined,
    });
    await write(data.orderId, [{ type: "OrderPlaced", data }]);
  }
  // One order paid and partly refunded: its money columns are known.
  const paid = placed(9999);
  await write(paid.orderId, [
    { type: "OrderPlaced", data: paid },
    { type: "StockReserved", data: { reservationId: "r-1", expiresAt: new Date(Date.now() + 60_000).toISOString() } },
    { type: "PaymentRequested", data: { paymentId: "pay-1", provider: "test", clientSecret: null } },
    { type: "PaymentSucceeded", data: { paymentId: "pay-1", amount: 4995, currency: "EUR" } },
    {
      type: "RefundIssued",
      data: { refundId: "ref-1", amount: 1000, refundedTotal: 1000, reason: "goodwill", returnId: null, to: "card" },
    },
  ]);
}, 120_000);

afterAll(async () => {
  await alone?.dispose();
}, 30_000);

describe("the orders CSV export", () => {
  test("pages through every order, one row each, the header on the first page only", async () => {
    const all = await pages(client({ sub: "admin-1", role: "admin" }));
    expect(all.length).toBeGreaterThan(1);
    const header = ORDER_CSV_COLUMNS.join(",");
    expect(all[0]!.split("\n")[0]).toBe(header);
    for (const later of all.slice(1)) expect(later.split("\n")[0]).not.toBe(header);
    const rows = rowsOf(all.join(""));
    expect(rows.length).toBe(EXPORT_PAGE_SIZE + 4);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
  });

  test("a paid, partly refunded order: statuses, UTC times and money in minor units with its currency", async () => {
    const rows = rowsOf((await pages(client({ sub: "admin-1", role: "admin" }))).join(""));
    const row = rows.find((r) => r.number === "EXP-009999")!;
    expect(row).toMatchObject({
      status: "PLACED",
      payment_status: "PARTIALLY_REFUNDED",
      customer_email: "buyer9999@example.com",
      currency: "EUR",
      item_count: "2",
      subtotal: "5000",
      discount: "500",
      shipping: "495",
      tax: "798",
      tax_inclusive: "true",
      total: "4995",
      paid: "4995",
      refunded: "1000",
    });
    expect(row.placed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row.paid_at).toMatch(/Z$/);
    const unpaid = rows.find((r) => r.number === "EXP-000000")!;
    expect(unpaid).toMatchObject({ status: "PENDING", payment_status: "AWAITING", paid_at: "", paid: "0" });
  });

  test("an email that starts like a formula is written with a leading quote (OWASP CSV injection)", async () => {
    const rows = rowsOf((await pages(client({ sub: "admin-1", role: "admin" }))).join(""));
    expect(rows.find((r) => r.number === "EXP-000002")?.customer_email).toBe("'-1+2@example.com");
  });

  test("a seller exports the orders holding its lines, with its lines' money only", async () => {
    const rows = rowsOf((await pages(client({ sub: "seller-user", role: "seller", sel: SELLER }))).join(""));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      number: "EXP-000001",
      item_count: "1",
      subtotal: "1200",
      shipping: "0",
      tax: "0",
      total: "1200",
      paid: "0",
    });
  });

  test("a shopper and staff without orders.read are refused, 403 naming the permission; anonymous 401", async () => {
    for (const c of [client({ sub: "shopper", role: "customer" }), client({ sub: "ed", role: "catalog_editor" })]) {
      const refused = await failure(c.orders.admin.exports.orders.query({ cursor: null }));
      expect(refused.data?.httpStatus).toBe(403);
      expect(refused.data?.field).toBe("permission");
      expect(refused.message).toContain('"orders.read"');
    }
    const anonymous = await failure(client().orders.admin.exports.orders.query({ cursor: null }));
    expect(anonymous.data?.httpStatus).toBe(401);
  });
});
