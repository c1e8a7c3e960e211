import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { asc } from "drizzle-orm";
import type { z } from "zod";
import { execute } from "../src/app/commit.ts";
import {
  adminOrderDetailSchema,
  cancelReasonLabel,
  checkoutResultSchema,
  orderBooksSchema,
  orderContactSchema,
  orderPageSchema,
  orderStatsSchema,
  orderViewSchema,
} from "../src/contract.ts";
import { readOrderEvents } from "../src/db/event-store.ts";
import { orderViews } from "../src/db/schema.ts";
import { failPayment } from "../src/domain/decide.ts";
import { rebuildProjections } from "../src/projections/rebuild.ts";
import {
  ADDRESS,
  availableOf,
  checkoutAtOnce,
  checkoutInput,
  eventually,
  failure,
  freshSkus,
  guestCart,
  guestCheckout,
  type Platform,
  setStock,
  startPlatform,
} from "./platform.ts";

let p: Platform;
let freshSku: (stock: number) => Promise<string>;

/** The answer is exactly what the contract says (parsing would drop or default anything else). */
function conforms(schema: z.ZodType, answer: unknown) {
  expect(schema.parse(answer)).toEqual(answer);
}

function guestCheckoutOf(lines: { sku: string; quantity: number }[], email = "guest@example.com") {
  return guestCheckout(p, lines, email);
}

async function pay(
  placed: { payment: { paymentId: string; clientSecret: string | null } | null },
  card = "4242424242424242",
) {
  const payment = placed.payment;
  if (!payment?.clientSecret) throw new Error("no payment to confirm");
  return p.shop.payments.payments.confirmTest.mutate({
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret,
    card,
  });
}

/** The three statuses of an order. */
async function statusesOf(orderId: string): Promise<string[]> {
  const { order } = await p.admin.orders.orders.admin.byId.query({ orderId });
  return [order.status, order.paymentStatus, order.fulfilmentStatus];
}

/** Until one of the order's statuses is `status` (PAID is its payment status, DELIVERED its fulfilment's). */
async function until(orderId: string, status: string) {
  return eventually(async () => ((await statusesOf(orderId)).includes(status) ? true : undefined));
}

beforeAll(async () => {
  p = await startPlatform({ ordersInProcess: true });
  freshSku = await freshSkus(p, 40);
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

describe("checkout", () => {
  test("prices from the catalog like the cart, reserves stock, takes payment, ships and delivers", async () => {
    const sku = await freshSku(10);
    const cartToken = await guestCart(p, [{ sku, quantity: 2 }]);
    const cartView = await p.shop.cart(undefined, { "x-cart-token": cartToken }).cart.get.query();
    const placed = await p.shop.orders().orders.checkout.mutate(checkoutInput("guest@example.com", cartToken));
    expect(placed.number).toMatch(/^MC-\d{6}$/);
    expect([placed.status, placed.paymentStatus]).toEqual(["PENDING", "AWAITING"]);
    expect(placed.payment?.provider).toBe("test");
    expect(placed.totals.total).toBe(cartView.totals.total);
    conforms(checkoutResultSchema, placed);
    await pay(placed);
    await until(placed.orderId, "PAID");
    const admin = p.admin.orders.orders.admin;
    const shipped = await admin.ship.mutate({
      orderId: placed.orderId,
      carrier: "DHL",
      trackingNumber: "JD0001",
      trackingUrl: "https://dhl.example/track/JD0001",
    });
    const delivered = await admin.deliver.mutate({
      orderId: placed.orderId,
      shipmentId: shipped.shipments[0]?.id ?? "",
    });
    expect([delivered.status, delivered.fulfilmentStatus]).toEqual(["COMPLETED", "DELIVERED"]);
    expect(delivered.shipments).toEqual([
      expect.objectContaining({
        carrier: "DHL",
        trackingNumber: "JD0001",
        trackingUrl: "https://dhl.example/track/JD0001",
        lines: [{ sku, quantity: 2 }],
      }),
    ]);
    conforms(orderViewSchema, delivered);
    const detail = await admin.byId.query({ orderId: placed.orderId });
    conforms(adminOrderDetailSchema, detail);
    const { timeline } = detail;
    expect(timeline.map((e) => e.type)).toEqual([
      "OrderPlaced",
      "StockReserved",
      "PaymentRequested",
      "PaymentSucceeded",
      "ShipmentShipped",
      "ShipmentDelivered",
    ]);
    expect(timeline.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(JSON.stringify(timeline)).not.toContain("accessTokenHash");
  });

  test("the same key sent 20 times at once places one order, and answers each with it", async () => {
    const sku = await freshSku(10);
    const cartToken = await guestCart(p, [{ sku, quantity: 1 }]);
    const input = checkoutInput("twenty@example.com", cartToken);
    const answers = await checkoutAtOnce(p, input, 20);
    expect(new Set(answers.map((a) => a.orderId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.accessToken)).size).toBe(1);
    const listed = await p.admin.orders.orders.admin.list.query({ customer: "TWENTY@example.com" });
    expect(listed.items.map((o) => o.id)).toEqual([answers[0]!.orderId]);
    // One order, one reservation: the stock went down once.
    expect(await availableOf(p, sku)).toBe(9);
    // The key belongs to that checkout: another checkout reusing it is refused.
    const reused = await failure(
      p.shop.orders().orders.checkout.mutate({ ...input, shippingAddress: { ...ADDRESS, city: "Paris" } }),
    );
    expect(reused.data?.code).toBe("CONFLICT");
    expect(reused.message).toStartWith("idempotencyKey:");
  });

  test("bad input is a 4xx naming the field, and places nothing", async () => {
    const before = (await p.internal.orders.orders.internal.books.query()).orders;
    const badEmail = await failure(p.shop.orders().orders.checkout.mutate(checkoutInput("not-an-email", "x")));
    expect(badEmail.data?.code).toBe("BAD_REQUEST");
    expect(badEmail.message).toContain("email");
    const noCart = await failure(
      p.shop
        .orders()
        .orders.checkout.mutate({ email: "a@example.com", shippingAddress: ADDRESS, idempotencyKey: "k-12345678" }),
    );
    expect(noCart.data?.code).toBe("BAD_REQUEST");
    expect(noCart.message).toStartWith("cartToken:");
    const unknownCart = await failure(
      p.shop.orders().orders.checkout.mutate({
        cartToken: "no-such-cart",
        email: "a@example.com",
        shippingAddress: ADDRESS,
        idempotencyKey: "k-87654321",
      }),
    );
    expect(unknownCart.data?.code).toBe("NOT_FOUND");
    expect(unknownCart.message).toStartWith("cartToken:");
    expect((await p.internal.orders.orders.internal.books.query()).orders).toBe(before);
  });

  test("out of stock cancels the order naming the SKU", async () => {
    const sku = await freshSku(3);
    const cartToken = await guestCart(p, [{ sku, quantity: 3 }]);
    await setStock(p, sku, 1); // sold elsewhere meanwhile
    const placed = await p.shop.orders().orders.checkout.mutate(checkoutInput("short@example.com", cartToken));
    expect(placed.status).toBe("CANCELLED");
    expect(placed.cancellation?.reason).toContain(sku);
    expect(placed.cancellation?.reason).toContain("requested 3, available 1");
  });
});

describe("access", () => {
  test("following an order the caller may not see is NOT_FOUND naming orderId, also inside the stream", async () => {
    const refused = await new Promise<{ data?: { code?: string; field?: string } }>((resolve) => {
      const sub = p.shop.orders().orders.onStatus.subscribe(
        { orderId: "no-such-order" },
        {
          onData: () => undefined,
          onError: (err) => {
            sub.unsubscribe();
            resolve(err as { data?: { code?: string; field?: string } });
          },
        },
      );
    });
    expect(refused.data).toMatchObject({ code: "NOT_FOUND", field: "orderId" });
  });

  test("a guest's access token travels in the x-order-token header, never in a read's URL", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 1 }], "header-guest@example.com");
    // The browser's proxy sends every order cookie it holds; the order asked for picks its own.
    const many = `other-order=${"y".repeat(43)}, ${placed.orderId}=${placed.accessToken}`;
    const seen = await p.shop
      .orders(undefined, { "x-order-token": many })
      .orders.byId.query({ orderId: placed.orderId });
    expect(seen.id).toBe(placed.orderId);
    const inUrl = await failure(
      p.shop.orders().orders.byId.query({ orderId: placed.orderId, accessToken: placed.accessToken } as never),
    );
    expect(inUrl.data?.code).toBe("BAD_REQUEST");
    expect(inUrl.message).toContain("x-order-token");
    // Checkout finds a guest's cart by the x-cart-token header, and answers the new order's
    // token in the x-order-token response header (what the storefront's proxy makes a cookie).
    const cartToken = await guestCart(p, [{ sku, quantity: 1 }]);
    const res = await fetch(`${p.urls.orders}/trpc/orders.checkout`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-cart-token": cartToken },
      body: JSON.stringify({ json: checkoutInput("hdr@example.com") }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { orderId: string; accessToken: string } } } };
    const { orderId, accessToken } = body.result.data.json;
    expect(res.headers.get("x-order-token")).toBe(`${orderId}=${accessToken}`);
  });

  test("a guest needs the access token; a signed-in shopper sees only their own orders", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 1 }]);
    const hidden = await failure(p.shop.orders().orders.byId.query({ orderId: placed.orderId }));
    expect(hidden.data?.code).toBe("NOT_FOUND");
    const wrong = await failure(
      p.shop.orders(undefined, { "x-order-token": "x".repeat(43) }).orders.byId.query({ orderId: placed.orderId }),
    );
    expect(wrong.data?.code).toBe("NOT_FOUND");

    const shopper = await p.signUp("u42@example.com");
    const token = shopper.getToken;
    await p.shop.cart(token).cart.addItem.mutate({ sku, quantity: 1 });
    const mine = await p.shop.orders(token).orders.checkout.mutate(checkoutInput("u42@example.com"));
    const listed = await p.shop.orders(token).orders.mine.query({ limit: 10 });
    expect(listed.items.map((o) => o.id)).toEqual([mine.orderId]);
    expect((await p.shop.orders(token).orders.byId.query({ orderId: mine.orderId })).email).toBe("u42@example.com");
    const other = (await p.signUp("u43@example.com")).getToken;
    expect((await failure(p.shop.orders(other).orders.byId.query({ orderId: mine.orderId }))).data?.code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(p.shop.orders(token).orders.admin.list.query({}))).data?.code).toBe("FORBIDDEN");
    expect((await failure(p.shop.orders().orders.internal.books.query())).data?.code).toBe("UNAUTHORIZED");
  });
});

describe("state machine through the API", () => {
  test("an illegal transition is a CONFLICT naming both states", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 1 }]);
    const err = await failure(
      p.admin.orders.orders.admin.ship.mutate({ orderId: placed.orderId, carrier: "DHL", trackingNumber: "X1" }),
    );
    expect(err.data?.code).toBe("CONFLICT");
    expect(err.message).toBe("status: an order in PENDING cannot become shipped");
    expect(err.data).toMatchObject({ field: "status", reason: "an order in PENDING cannot become shipped" });
    const noShipment = await failure(
      p.admin.orders.orders.admin.deliver.mutate({ orderId: placed.orderId, shipmentId: "shp_nope" }),
    );
    expect(noShipment.data).toMatchObject({ code: "BAD_REQUEST", field: "shipmentId" });
  });

  test("a shopper's cancel reason comes from the fixed list: free text is a 400 naming reason", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 1 }], "reasons@example.com");
    const cancel = (reason: string) =>
      p.shop.orders().orders.cancel.mutate({
        orderId: placed.orderId,
        accessToken: placed.accessToken,
        reason: reason as "other",
      });
    const err = await failure(cancel("Your account is locked: log in at https://evil.example"));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.data?.field).toBe("reason");
    expect(
      (
        await p.shop
          .orders(undefined, { "x-order-token": placed.accessToken })
          .orders.byId.query({ orderId: placed.orderId })
      ).paymentStatus,
    ).toBe("AWAITING");
    const cancelled = await cancel("ordered_by_mistake");
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancellation?.reason).toBe("ordered_by_mistake");
    expect(cancelReasonLabel(cancelled.cancellation!.reason)).toBe("I ordered by mistake");
  });

  test("a decline keeps the order awaiting payment; a retry pays it", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 1 }]);
    await pay(placed, "4000000000000002").catch(() => undefined);
    const declined = await eventually(async () => {
      const o = await p.shop
        .orders(undefined, { "x-order-token": placed.accessToken })
        .orders.byId.query({ orderId: placed.orderId });
      return o.payment?.lastError ? o : undefined;
    });
    expect(declined.paymentStatus).toBe("AWAITING");
    await pay(placed);
    await until(placed.orderId, "PAID");
  });

  test("admin refunds part, then cancel refunds the rest and restocks", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 2 }]);
    await pay(placed);
    await until(placed.orderId, "PAID");
    const admin = p.admin.orders.orders.admin;
    const partial = await admin.refund.mutate({ orderId: placed.orderId, amount: 100, reason: "scratch" });
    expect(partial.paymentStatus).toBe("PARTIALLY_REFUNDED");
    const tooMuch = await failure(
      admin.refund.mutate({ orderId: placed.orderId, amount: placed.totals.total, reason: "x" }),
    );
    expect(tooMuch.data?.code).toBe("BAD_REQUEST");
    expect(tooMuch.message).toStartWith("amount:");
    const cancelled = await p.shop.orders().orders.cancel.mutate({
      orderId: placed.orderId,
      accessToken: placed.accessToken,
      reason: "changed_mind",
    });
    expect([cancelled.status, cancelled.paymentStatus]).toEqual(["CANCELLED", "REFUNDED"]);
    expect(cancelled.refundedTotal).toBe(placed.totals.total);
    await eventually(async () =>
      (await p.shop.inventory.inventory.availability.query({ skus: [sku] }))[0]?.available === 5 ? true : undefined,
    );
  });
});

describe("event store", () => {
  test("concurrent appends to one order each land once, in contiguous versions (optimistic concurrency)", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 1 }]);
    const deps = p.orders!.deps;
    const before = (await readOrderEvents(deps.db.orm, placed.orderId)).length;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        execute(deps, placed.orderId, (s) => failPayment(s, { paymentId: "x", code: `c${i}`, reason: "test" })),
      ),
    );
    const events = await readOrderEvents(deps.db.orm, placed.orderId);
    expect(events.length).toBe(before + 10);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const codes = events.flatMap((e) => (e.type === "PaymentFailed" ? [e.data.code] : []));
    expect(codes.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`).sort());
  });

  test("projections rebuilt from the event store equal the live ones", async () => {
    const db = p.orders!.deps.db;
    const live = await db.orm.select().from(orderViews).orderBy(asc(orderViews.id));
    expect(live.length).toBeGreaterThan(3);
    const { orders } = await rebuildProjections(db);
    expect(orders).toBe(live.length);
    const rebuilt = await db.orm.select().from(orderViews).orderBy(asc(orderViews.id));
    expect(rebuilt).toEqual(live);
  });
});

describe("admin", () => {
  test("lists page newest first without gaps or repeats; a cursor that is not ours is a 400 naming it", async () => {
    const sku = await freshSku(5);
    const placedIds: string[] = [];
    for (let i = 0; i < 3; i++)
      placedIds.push((await guestCheckoutOf([{ sku, quantity: 1 }], "pages@example.com")).placed.orderId);
    const admin = p.admin.orders.orders.admin;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.list.query({ customer: "pages@example.com", limit: 2, cursor });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(placedIds.toReversed());
    const bad = await failure(admin.list.query({ cursor: "not-a-cursor" }));
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect((bad.data as { field?: string }).field).toBe("cursor");
  });

  test("lists by status, customer and text; stats and books add up", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckoutOf([{ sku, quantity: 1 }], "filter-me@example.com");
    const admin = p.admin.orders.orders.admin;
    const byText = await admin.list.query({ q: placed.number.slice(-4) });
    expect(byText.items.map((o) => o.id)).toContain(placed.orderId);
    conforms(orderPageSchema, byText);
    const byStatus = await admin.list.query({ status: "PENDING", customer: "filter-me@example.com" });
    expect(byStatus.items.map((o) => o.id)).toEqual([placed.orderId]);
    const byPayment = await admin.list.query({ paymentStatus: "AWAITING", customer: "filter-me@example.com" });
    expect(byPayment.items.map((o) => o.id)).toEqual([placed.orderId]);
    const none = await admin.list.query({ fulfilmentStatus: "DELIVERED", customer: "filter-me@example.com" });
    expect(none.items).toEqual([]);
    const future = await admin.list.query({ from: new Date(Date.now() + 3_600_000) });
    expect(future.items).toEqual([]);

    const stats = await admin.stats.query();
    const books = await p.internal.orders.orders.internal.books.query();
    expect(Object.values(stats.byStatus).reduce((a, b) => a + b, 0)).toBe(books.orders);
    expect(Object.values(books.byPaymentStatus).reduce((a, b) => a + b, 0)).toBe(books.orders);
    expect(Object.values(books.byFulfilmentStatus).reduce((a, b) => a + b, 0)).toBe(books.orders);
    // The order above is in the cart's region (eu by default): it counts in EUR, and only there.
    const eur = stats.currencies.find((c) => c.currency === "EUR");
    expect(eur?.revenueByDay).toHaveLength(30);
    expect(eur?.today.orders).toBeGreaterThan(0);
    expect(eur?.revenueByDay.at(-1)?.revenue).toBe(eur?.today.revenue ?? -1);
    expect(books.currencies.reduce((n, c) => n + c.paidOrders, 0)).toBe(books.paidOrders);
    conforms(orderStatsSchema, stats);
    conforms(orderBooksSchema, books);
    const contact = await p.internal.ordersAsNotifications.orders.internal.contact.query({ orderId: placed.orderId });
    expect(contact).toEqual({ email: "filter-me@example.com", number: placed.number });
    conforms(orderContactSchema, contact);
  });
});
