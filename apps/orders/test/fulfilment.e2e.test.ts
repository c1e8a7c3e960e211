import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { asc } from "drizzle-orm";
import type { CheckoutResult, OrderView } from "../src/contract.ts";
import { orderReturns, orderViews } from "../src/db/schema.ts";
import { rebuildProjections } from "../src/projections/rebuild.ts";
import { eventually, failure, freshSkus, guestCheckout, type Platform, setStock, startPlatform } from "./platform.ts";

/**
 * #19 end to end: identity, catalog, inventory, cart, payments (test provider) and notifications
 * as processes, orders in this process (its database is read for the rebuild check), all on
 * private NATS and Redis over real HTTP. Ship in two parts, deliver each, take back one unit of
 * two with one damaged, exchange for a dearer variant, refuse a return outside the window, and
 * every step's email in the mailbox.
 */
let p: Platform;
let freshSku: (stock: number) => Promise<string>;

beforeAll(async () => {
  p = await startPlatform({ ordersInProcess: true, withNotifications: true });
  freshSku = await freshSkus(p, 10);
}, 120_000);

afterAll(async () => {
  await p?.dispose();
});

const admin = () => p.admin.orders.orders.admin;
const parcel = (n: string) => ({ carrier: "DHL", trackingNumber: n, trackingUrl: `https://dhl.example/t/${n}` });

function guest(placed: CheckoutResult) {
  return p.shop.orders(undefined, { "x-order-token": `${placed.orderId}=${placed.accessToken}` }).orders;
}

async function paidOrder(lines: { sku: string; quantity: number }[], email: string) {
  const { placed } = await guestCheckout(p, lines, email);
  const awaiting = await eventually(async () => {
    const o = await guest(placed).byId.query({ orderId: placed.orderId });
    return o.payment?.clientSecret ? o : undefined;
  });
  const payment = awaiting.payment!;
  await p.shop.payments.payments.confirmTest.mutate({
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret!,
    card: "4242424242424242",
  });
  await eventually(async () => {
    const o = await guest(placed).byId.query({ orderId: placed.orderId });
    return o.paymentStatus === "PAID" ? o : undefined;
  });
  return placed;
}

async function onHandOf(sku: string): Promise<number> {
  const totals = await p.internal.inventory.inventory.internal.totals.query();
  const level = totals.skus.find((s) => s.sku === sku);
  if (!level) throw new Error(`inventory has no ${sku}`);
  return level.onHand;
}

/** The subjects of the emails sent to `to`, once every one expected (as often as listed) is there. */
async function subjectsTo(to: string, expected: (string | RegExp)[]): Promise<string[]> {
  return eventually(async () => {
    const page = await p.admin.mailbox.notifications.mailbox.list.query({ to, status: "sent", limit: 100 });
    const left = page.items.map((m) => m.subject);
    for (const want of expected) {
      const i = left.findIndex((s) => (typeof want === "string" ? s === want : want.test(s)));
      if (i < 0) return undefined;
      left.splice(i, 1);
    }
    return page.items.map((m) => m.subject);
  }, 20_000);
}

describe("fulfilment and returns across processes", () => {
  let order: CheckoutResult;
  let skuA: string;
  let skuB: string;
  const email = "parts@example.com";

  test("ship one of two lines, then the other; deliver each: the split statuses follow", async () => {
    skuA = await freshSku(6);
    skuB = await freshSku(6);
    order = await paidOrder(
      [
        { sku: skuA, quantity: 2 },
        { sku: skuB, quantity: 1 },
      ],
      email,
    );
    const first = await admin().ship.mutate({
      orderId: order.orderId,
      lines: [{ sku: skuA, quantity: 2 }],
      ...parcel("P1"),
    });
    expect([first.status, first.paymentStatus, first.fulfilmentStatus]).toEqual([
      "PLACED",
      "PAID",
      "PARTIALLY_FULFILLED",
    ]);
    const second = await admin().ship.mutate({ orderId: order.orderId, ...parcel("P2") });
    expect(second.fulfilmentStatus).toBe("FULFILLED");
    expect(second.shipments.map((s) => s.lines)).toEqual([[{ sku: skuA, quantity: 2 }], [{ sku: skuB, quantity: 1 }]]);
    const [s1, s2] = second.shipments;
    const one = await admin().deliver.mutate({ orderId: order.orderId, shipmentId: s1!.id });
    expect([one.status, one.fulfilmentStatus]).toEqual(["PLACED", "PARTIALLY_DELIVERED"]);
    const both = await admin().deliver.mutate({ orderId: order.orderId, shipmentId: s2!.id });
    expect([both.status, both.fulfilmentStatus]).toEqual(["COMPLETED", "DELIVERED"]);
    // The shopper sees each parcel with its tracking link.
    const seen = await guest(order).byId.query({ orderId: order.orderId });
    expect(seen.shipments.map((s) => s.trackingUrl)).toEqual(["https://dhl.example/t/P1", "https://dhl.example/t/P2"]);
    // Nothing more to ship or deliver: refused, naming the state.
    const again = await failure(admin().ship.mutate({ orderId: order.orderId, ...parcel("P3") }));
    expect(again.data?.code).toBe("CONFLICT");
  });

  test("return one of two delivered units with one damaged: +1 on hand, ledger naming the return, refund exact", async () => {
    const before = await onHandOf(skuA);
    const unitPrice = (await guest(order).byId.query({ orderId: order.orderId })).lines.find(
      (l) => l.sku === skuA,
    )!.unitPrice;
    const requested = await guest(order).requestReturn.mutate({
      orderId: order.orderId,
      lines: [{ sku: skuA, quantity: 2, reason: "damaged" }],
    });
    const ret = requested.returns[0]!;
    expect(ret).toMatchObject({ number: `R-${order.number}-1`, status: "REQUESTED" });
    const queue = await admin().returns.list.query({ status: "REQUESTED", q: order.number });
    expect(queue.items.map((r) => r.returnId)).toEqual([ret.id]);
    const approved = await admin().returns.approve.mutate({ orderId: order.orderId, returnId: ret.id, note: "Sorry!" });
    expect(approved.returns[0]).toMatchObject({ status: "APPROVED", note: "Sorry!" });
    const received = await admin().returns.receive.mutate({
      orderId: order.orderId,
      returnId: ret.id,
      lines: [{ sku: skuA, received: 2, damaged: 1 }],
    });
    const done = received.returns[0]!;
    // EU prices include the tax, no discount, shipping kept by default: the two units' prices exactly.
    expect(done.status).toBe("REFUNDED");
    expect(done.refund?.amount).toBe(2 * unitPrice);
    expect(done.refund?.breakdown).toMatchObject({
      subtotal: 2 * unitPrice,
      discount: 0,
      shipping: 0,
      restockingFee: 0,
    });
    expect(received.refundedTotal).toBe(2 * unitPrice);
    expect([received.status, received.paymentStatus, received.fulfilmentStatus]).toEqual([
      "COMPLETED",
      "PARTIALLY_REFUNDED",
      "PARTIALLY_RETURNED",
    ]);
    // Payments holds the same refund, made once (the retry below refunds nothing more).
    const retried = await admin().returns.receive.mutate({
      orderId: order.orderId,
      returnId: ret.id,
      lines: [{ sku: skuA, received: 2, damaged: 1 }],
    });
    expect(retried.refundedTotal).toBe(2 * unitPrice);
    const payment = await p.internal.payments.payments.internal.byOrder.query({ orderId: order.orderId });
    expect(payment?.refundedTotal).toBe(2 * unitPrice);
    expect(payment?.refunds).toHaveLength(1);
    // The staff audit log holds the approval and each receipt, the refund in the order's "after".
    const audited = await admin().audit.list.query({ action: "orders.admin.returns.*", target: order.orderId });
    expect(audited.items.map((e) => e.action).sort()).toEqual([
      "orders.admin.returns.approve",
      "orders.admin.returns.receive",
      "orders.admin.returns.receive",
    ]);
    const receipt = audited.items.find((e) => e.action === "orders.admin.returns.receive");
    expect((receipt?.after as { refundedTotal: number } | undefined)?.refundedTotal).toBe(2 * unitPrice);
    // Inventory: the good unit back on hand, the damaged one recorded and not restocked.
    await eventually(async () => ((await onHandOf(skuA)) === before + 1 ? true : undefined), 15_000);
    const ledger = await p.admin.inventory.inventory.admin.ledger.query({ sku: skuA, limit: 20 });
    const named = ledger.filter((m) => m.reason.includes(ret.number));
    expect(named.map((m) => [m.kind, m.deltaOnHand])).toEqual(
      expect.arrayContaining([
        ["return", 1],
        ["damaged", 0],
      ]),
    );
    // The books: refunds from returns counted apart.
    const books = await p.internal.orders.orders.internal.books.query();
    const eur = books.currencies.find((c) => c.currency === order.totals.currency);
    expect(eur?.returnsRefunded).toBeGreaterThanOrEqual(2 * unitPrice);
    expect(books.returns.REFUNDED).toBeGreaterThanOrEqual(1);
  });

  test("a return outside the window is refused naming the line's field", async () => {
    const sku = await freshSku(3);
    const late = await paidOrder([{ sku, quantity: 1 }], "late@example.com");
    const shipped = await admin().ship.mutate({ orderId: late.orderId, ...parcel("L1") });
    // The carrier says it arrived 40 days ago (recorded late): the 30-day window has closed.
    await admin().deliver.mutate({
      orderId: late.orderId,
      shipmentId: shipped.shipments[0]!.id,
      deliveredAt: new Date(Date.now() - 40 * 86_400_000),
    });
    const err = await failure(
      guest(late).requestReturn.mutate({
        orderId: late.orderId,
        lines: [{ sku, quantity: 1, reason: "changed_mind" }],
      }),
    );
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.data?.field).toBe("lines.0.sku");
    expect(err.message).toContain("return window");
    // A stranger cannot even ask: not found.
    const stranger = await failure(
      p.shop
        .orders()
        .orders.requestReturn.mutate({ orderId: late.orderId, lines: [{ sku, quantity: 1, reason: "other" }] }),
    );
    expect(stranger.data?.code).toBe("NOT_FOUND");
  });

  test("an exchange for a dearer variant: the difference is charged, the replacement ships as a new shipment", async () => {
    const suffix = Bun.randomUUIDv7().slice(-8).toUpperCase();
    const small = `EXS-${suffix}`;
    const large = `EXL-${suffix}`;
    await p.admin.catalog.catalog.admin.products.create.mutate({
      title: `Exchange tee ${suffix}`,
      status: "active",
      variants: [
        { sku: small, options: { size: "S" }, prices: [{ currency: "EUR", amount: 2000 }], weightGrams: 200 },
        { sku: large, options: { size: "L" }, prices: [{ currency: "EUR", amount: 2500 }], weightGrams: 200 },
      ],
    });
    await eventually(async () => {
      const known = await p.shop.inventory.inventory.availability.query({ skus: [small, large] });
      return known.length === 2 ? true : undefined;
    }, 20_000);
    await setStock(p, small, 3);
    await setStock(p, large, 3);
    const ex = await paidOrder([{ sku: small, quantity: 1 }], "exchange@example.com");
    const shipped = await admin().ship.mutate({ orderId: ex.orderId, ...parcel("X1") });
    await admin().deliver.mutate({ orderId: ex.orderId, shipmentId: shipped.shipments[0]!.id });
    const wrongProduct = await failure(
      guest(ex).requestReturn.mutate({
        orderId: ex.orderId,
        lines: [{ sku: small, quantity: 1, reason: "doesnt_fit", exchangeForSku: skuB }],
      }),
    );
    expect(wrongProduct.data?.field).toBe("lines.0.exchangeForSku");
    const requested = await guest(ex).requestReturn.mutate({
      orderId: ex.orderId,
      lines: [{ sku: small, quantity: 1, reason: "doesnt_fit", exchangeForSku: large }],
    });
    const retId = requested.returns[0]!.id;
    const approved = await admin().returns.approve.mutate({ orderId: ex.orderId, returnId: retId });
    const exchange = approved.returns[0]!.exchange!;
    // Tax is inside EU prices: 25.00 − 20.00 = 5.00 to pay, as a second payment on the order.
    expect(exchange.difference).toBe(500);
    expect(exchange.paymentId).not.toBe(approved.payment?.paymentId);
    const large0 = await onHandOf(large);
    await p.shop.payments.payments.confirmTest.mutate({
      paymentId: exchange.paymentId!,
      clientSecret: exchange.clientSecret!,
      card: "4242424242424242",
    });
    const paid = await eventually(async () => {
      const o = await guest(ex).byId.query({ orderId: ex.orderId });
      return o.returns[0]?.exchange?.paidAt ? o : undefined;
    });
    expect(paid.paidAmount).toBe(ex.totals.total + 500);
    const received = await admin().returns.receive.mutate({
      orderId: ex.orderId,
      returnId: retId,
      lines: [{ sku: small, received: 1, damaged: 0 }],
    });
    expect(received.returns[0]).toMatchObject({ status: "CLOSED", refund: { amount: 0 } });
    const replacement = await admin().ship.mutate({ orderId: ex.orderId, exchangeReturnId: retId, ...parcel("X2") });
    expect(replacement.shipments.at(-1)).toMatchObject({
      exchangeReturnId: retId,
      lines: [{ sku: large, quantity: 1 }],
    });
    await eventually(async () => ((await onHandOf(large)) === large0 - 1 ? true : undefined), 15_000);
    const subjects = await subjectsTo("exchange@example.com", [
      `Order ${ex.number}: a parcel is on its way`,
      `Order ${ex.number}: a parcel was delivered`,
      `Return R-${ex.number}-1 requested for order ${ex.number}`,
      `Return R-${ex.number}-1 approved`,
      `Order ${ex.number}: your exchange is on its way`,
    ]);
    expect(subjects.filter((s) => s.includes("refund"))).toEqual([]);
  });

  test("every step of the two-part order has its email", async () => {
    const r = `R-${order.number}-1`;
    const subjects = await subjectsTo(email, [
      `Order ${order.number}: a parcel is on its way`,
      `Order ${order.number}: a parcel is on its way`,
      `Order ${order.number}: a parcel was delivered`,
      `Order ${order.number}: a parcel was delivered`,
      `Return ${r} requested for order ${order.number}`,
      `Return ${r} approved`,
      new RegExp(`^Return ${r}: refund of `),
    ]);
    const count = (s: string) => subjects.filter((x) => x === s).length;
    expect(count(`Order ${order.number}: a parcel is on its way`)).toBe(2);
    expect(count(`Order ${order.number}: a parcel was delivered`)).toBe(2);
    expect(count(`Return ${r} requested for order ${order.number}`)).toBe(1);
    expect(count(`Return ${r} approved`)).toBe(1);
    expect(subjects.filter((s) => s.startsWith(`Return ${r}: refund of`))).toHaveLength(1);
  });

  test("a double submit of a line cancel (same idempotencyKey) cancels once and refunds once, answering the same view", async () => {
    const sku = await freshSku(4);
    const placed = await paidOrder([{ sku, quantity: 3 }], "double-cancel@example.com");
    const input = {
      orderId: placed.orderId,
      lines: [{ sku, quantity: 1 }],
      reason: "customer asked",
      idempotencyKey: crypto.randomUUID(),
    };
    // Two clicks at once, then a retry after both answered.
    const [a, b] = await Promise.all([admin().cancelLines.mutate(input), admin().cancelLines.mutate(input)]);
    const again = await admin().cancelLines.mutate(input);
    for (const view of [a, b, again]) {
      expect(view.cancelledLines).toHaveLength(1);
      expect(view.cancelledLines[0]?.lines).toEqual([{ sku, quantity: 1 }]);
      expect(view.refunds).toHaveLength(1);
    }
    expect(again.refundedTotal).toBe(a.refundedTotal);
    expect(again.refundedTotal).toBeGreaterThan(0);
    expect(again.version).toBe(a.version);
    const payment = await p.internal.payments.payments.internal.byOrder.query({ orderId: placed.orderId });
    expect(payment?.refunds).toHaveLength(1);
    expect(payment?.refundedTotal).toBe(again.refundedTotal);
    // A new attempt (a new key) is a new cancel: the next unit.
    const next = await admin().cancelLines.mutate({ ...input, idempotencyKey: crypto.randomUUID() });
    expect(next.cancelledLines).toHaveLength(2);
    expect(next.refunds).toHaveLength(2);
  });

  test("projections rebuilt from the events equal the live ones, shipments and returns included", async () => {
    const db = p.orders!.deps.db;
    const live = await db.orm.select().from(orderViews).orderBy(asc(orderViews.id));
    const liveReturns = await db.orm.select().from(orderReturns).orderBy(asc(orderReturns.id));
    expect(liveReturns.length).toBeGreaterThanOrEqual(2);
    const withShipments = live.filter((r) => (r.detail as OrderView).shipments.length > 1);
    expect(withShipments.length).toBeGreaterThanOrEqual(2);
    await rebuildProjections(db);
    expect(await db.orm.select().from(orderViews).orderBy(asc(orderViews.id))).toEqual(live);
    expect(await db.orm.select().from(orderReturns).orderBy(asc(orderReturns.id))).toEqual(liveReturns);
  });
});
