/**
 * The recorders end in the same rows whatever order the events come in (two replicas share the
 * consumers; a rebuild replays one stream after another), and a second delivery changes nothing.
 * Real libSQL files; the events are real envelopes of the platform's schemas.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import {
  CartItemAdded,
  createEvent,
  type Envelope,
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  PaymentRefunded,
  PaymentSucceeded,
  ProductCreated,
  ProductUpdated,
  processOnce,
  SearchPerformed,
  StockChanged,
  UserRegistered,
} from "@mercato/events";
import type { Currency } from "@mercato/pricing";
import { type TempDatabase, tempDatabase } from "@mercato/testing";
import { INBOX_CONSUMER } from "../src/app/inbox.ts";
import { recordEvent } from "../src/app/record.ts";
import * as schema from "../src/db/schema.ts";
import { dumpAggregates } from "./dump.ts";

const MIGRATIONS = fileURLToPath(new URL("../drizzle", import.meta.url));
const opened: TempDatabase<typeof schema>[] = [];
afterAll(() => {
  for (const t of opened) t.dispose();
});

const address = { name: "Ada", line1: "1 Street", city: "Berlin", postalCode: "10115", country: "DE" };
const totals = (total: number, currency: Currency = "EUR") => ({
  currency,
  subtotal: total,
  discount: 0,
  shipping: 0,
  tax: 0,
  total,
  taxInclusive: true,
  taxLines: [],
});
const line = (sku: string, productId: string, quantity: number, unitPrice: number) => ({
  sku,
  productId,
  title: `Title of ${productId}`,
  quantity,
  unitPrice,
});

function order(n: number, email: string, userId: string | null, currency: Currency, lines: ReturnType<typeof line>[]) {
  const orderId = `order-${n}`;
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const facts = {
    orderId,
    number: `M-${n}`,
    userId,
    email,
    lines,
    totals: totals(total, currency),
    discountCode: null,
  };
  return {
    placed: createEvent(OrderPlacedEvent, {
      ...facts,
      cartId: `cart-${n}`,
      shippingAddress: address,
      regionId: currency === "EUR" ? "eu" : "uk",
    }),
    paid: () =>
      createEvent(OrderPaidEvent, { ...facts, shippingAddress: address, regionId: currency === "EUR" ? "eu" : "uk" }),
    refund: (amount: number) =>
      createEvent(OrderRefundedEvent, { orderId, number: `M-${n}`, email, amount, currency, full: amount === total }),
    payment: () =>
      createEvent(PaymentSucceeded, { paymentId: `pay-${n}`, orderId, provider: "test", amount: total, currency }),
    total,
  };
}

/** A small day of trade across every consumed domain. */
function scenario(): Envelope[] {
  const o1 = order(1, "ada@example.com", "u-ada", "EUR", [line("SKU-A", "p-a", 2, 1500), line("SKU-B", "p-b", 1, 999)]);
  const o2 = order(2, "ada@example.com", "u-ada", "EUR", [line("SKU-A", "p-a", 1, 1500)]);
  const o3 = order(3, "bob@example.com", null, "GBP", [line("SKU-B", "p-b", 3, 850)]);
  const o4 = order(4, "cy@example.com", null, "EUR", [line("SKU-A", "p-a", 9, 1500)]);
  const product = (
    title: string,
    brand: string | null,
    Def: typeof ProductCreated | typeof ProductUpdated = ProductCreated,
  ) =>
    createEvent(Def as typeof ProductCreated, {
      productId: "p-a",
      slug: "a",
      title,
      status: "active",
      categoryIds: ["shoes", "sale"],
      ownerId: null,
      brand,
      variants: [{ sku: "SKU-A", price: 1500, currency: "EUR" }],
    });
  const cart = (cartId: string, started: boolean) =>
    createEvent(CartItemAdded, {
      cartId,
      sku: "SKU-A",
      productId: "p-a",
      quantity: 1,
      lineQuantity: 1,
      unitPrice: 1500,
      currency: "EUR",
      regionId: "eu",
      cartStarted: started,
    });
  const search = (query: string, results: number) =>
    createEvent(SearchPerformed, {
      query,
      results,
      filters: {
        category: null,
        brands: [],
        minPrice: null,
        maxPrice: null,
        inStock: null,
        currency: null,
        options: [],
      },
      sampleRate: 0.5,
    });
  const stock = (available: number) =>
    createEvent(StockChanged, { sku: "SKU-A", onHand: available, reserved: 0, available });
  return [
    product("Old title", null),
    cart("cart-1", true),
    cart("cart-1", false),
    cart("cart-2", true),
    search("Red Shoes", 0),
    search("red shoes", 0),
    search("boots", 4),
    o1.placed,
    o1.paid(),
    o1.payment(),
    o2.placed,
    o2.paid(),
    o3.placed,
    o3.paid(),
    o4.placed,
    createEvent(OrderCancelledEvent, {
      orderId: "order-4",
      number: "M-4",
      email: "cy@example.com",
      reason: "out of stock",
      wasPaid: false,
    }),
    o1.refund(999),
    createEvent(PaymentRefunded, {
      paymentId: "pay-1",
      orderId: "order-1",
      provider: "test",
      refundId: "re-1",
      amount: 999,
      currency: "EUR",
      refundedTotal: 999,
      full: false,
    }),
    stock(40),
    stock(3),
    product("Trail shoe", "Acme", ProductUpdated),
    createEvent(UserRegistered, { userId: "u-ada", email: "ada@example.com", name: "Ada" }),
  ];
}

async function recordAll(events: readonly Envelope[], twice = false) {
  const t = await tempDatabase(schema, MIGRATIONS);
  opened.push(t);
  for (const e of events) {
    await processOnce(t.db, INBOX_CONSUMER, e, (tx) => recordEvent(tx as never, e));
    if (twice) await processOnce(t.db, INBOX_CONSUMER, e, (tx) => recordEvent(tx as never, e));
  }
  return dumpAggregates(t.db);
}

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("recording is order-independent and idempotent", () => {
  const events = scenario();

  test("in stream order the books say what happened", async () => {
    const dump = await recordAll(events);
    const sales = dump.daily_sales?.map((r) => JSON.parse(r as string)) ?? [];
    const eur = sales.find((r) => r.currency === "EUR");
    const gbp = sales.find((r) => r.currency === "GBP");
    expect(eur).toMatchObject({
      region: "eu",
      checkouts: 3,
      orders: 2,
      revenue: 3999 + 1500,
      units: 4,
      newCustomers: 1,
      returningCustomers: 1,
      refunds: 1,
      refunded: 999,
      cancelledUnpaid: 1,
    });
    expect(gbp).toMatchObject({ orders: 1, revenue: 2550, units: 3, newCustomers: 1, returningCustomers: 0 });
    const product = dump.products?.map((r) => JSON.parse(r as string)).find((p) => p.productId === "p-a");
    expect(product).toMatchObject({ title: "Trail shoe", brand: "Acme", categoryIds: '["sale","shoes"]' });
    expect(dump.stock?.map((r) => JSON.parse(r as string).available)).toEqual([3]);
    const searches = dump.daily_searches?.map((r) => JSON.parse(r as string)) ?? [];
    expect(searches.find((s) => s.query === "red shoes")).toMatchObject({ samples: 2, estimated: 4, zeroResults: 4 });
    expect(dump.daily_carts?.map((r) => JSON.parse(r as string))).toMatchObject([{ carts: 2, itemsAdded: 3 }]);
    expect(dump.pending_order_events).toEqual([]);
  });

  test("any order of the same events ends in the same rows", async () => {
    const reference = await recordAll(events);
    for (const seed of [1, 2, 3, 42, 1234]) {
      expect(await recordAll(shuffled(events, seed))).toEqual(reference);
    }
    expect(await recordAll([...events].reverse())).toEqual(reference);
  });

  test("every event delivered twice changes nothing", async () => {
    expect(await recordAll(events, true)).toEqual(await recordAll(events));
  });
});
