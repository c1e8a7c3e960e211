import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { OrderCancelledEvent, OrderPaidEvent } from "@mercato/events";
import { eq } from "drizzle-orm";
import { sweepGuestCarts } from "../src/app/sweep-guest-carts.ts";
import { cartItems, carts, codeRedemptions, inbox } from "../src/db/schema.ts";
import { seedDemo } from "../src/db/seed.ts";
import {
  cartClient,
  eventually,
  merchant,
  type Platform,
  refusal,
  rejection,
  serviceClient,
  signIn,
  startPlatform,
} from "./harness.ts";

let p: Platform;
let shop: Awaited<ReturnType<typeof merchant>>;
let admin: ReturnType<typeof cartClient>;

beforeAll(async () => {
  p = await startPlatform();
  shop = await merchant(p);
  admin = cartClient(p, await signIn(p, "code-admin", "admin"));
}, 30_000);

afterAll(async () => {
  await p?.dispose();
});

function paidOrder(orderId: string, code: string, email: string, userId: string | null = null) {
  return {
    orderId,
    number: orderId,
    userId,
    email,
    lines: [{ sku: "ANY", productId: "p", title: "t", quantity: 1, unitPrice: 5000 }],
    totals: { currency: "EUR" as const, subtotal: 5000, discount: 500, shipping: 0, tax: 900, total: 5400 },
    discountCode: code,
    shippingAddress: { name: "A", line1: "1 Way", city: "Town", postalCode: "1000", country: "NL" },
  };
}

async function redemptionsOf(code: string) {
  return p.cart.deps.db.orm.select().from(codeRedemptions).where(eq(codeRedemptions.code, code));
}

describe("admin codes", () => {
  test("only admins manage codes; codes are unique whatever their case", async () => {
    const customer = cartClient(p, await signIn(p, "nosy-customer"));
    expect((await rejection(customer.cart.admin.codes.list.query())).code).toBe("FORBIDDEN");
    expect((await rejection(cartClient(p).cart.admin.codes.list.query())).code).toBe("UNAUTHORIZED");

    const created = await admin.cart.admin.codes.create.mutate({
      code: "Summer-24",
      kind: "fixed",
      value: 300,
      currency: "EUR",
    });
    expect(created).toMatchObject({ code: "SUMMER-24", currency: "EUR", used: 0, active: true, usageLimit: null });
    expect(
      await rejection(
        admin.cart.admin.codes.create.mutate({ code: "summer-24", kind: "fixed", value: 1, currency: "EUR" }),
      ),
    ).toEqual({
      code: "CONFLICT",
      message: 'code: "SUMMER-24" already exists',
    });
    const badPercent = await rejection(
      admin.cart.admin.codes.create.mutate({ code: "TOOMUCH", kind: "percent", value: 150 }),
    );
    expect(badPercent).toEqual({ code: "BAD_REQUEST", message: "value: a percent discount is 1 to 100" });

    // A fixed amount is money in one currency; a percent works in every currency.
    expect(
      await refusal(admin.cart.admin.codes.create.mutate({ code: "NOCURRENCY", kind: "fixed", value: 300 })),
    ).toEqual({ code: "BAD_REQUEST", field: "currency", message: "currency: a fixed amount needs its currency" });
    expect(
      (
        await refusal(
          admin.cart.admin.codes.create.mutate({ code: "PCTCURRENCY", kind: "percent", value: 5, currency: "GBP" }),
        )
      ).field,
    ).toBe("currency");
    expect((await admin.cart.admin.codes.list.query()).map((c) => c.code)).not.toContain("NOCURRENCY");
    const gbp = await admin.cart.admin.codes.create.mutate({
      code: "POUNDS3",
      kind: "fixed",
      value: 300,
      currency: "GBP",
    });
    expect(gbp).toMatchObject({ kind: "fixed", currency: "GBP" });
    // Turned into a percent code, it loses its currency.
    expect(await admin.cart.admin.codes.update.mutate({ code: "POUNDS3", kind: "percent", value: 3 })).toMatchObject({
      kind: "percent",
      currency: null,
    });

    const updated = await admin.cart.admin.codes.update.mutate({
      code: "summer-24",
      usageLimit: 10,
      minSubtotal: 1000,
    });
    expect(updated).toMatchObject({ code: "SUMMER-24", usageLimit: 10, minSubtotal: 1000, value: 300 });
    expect((await rejection(admin.cart.admin.codes.update.mutate({ code: "NOPE-NOPE", value: 1 }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await admin.cart.admin.codes.list.query()).map((c) => c.code)).toContain("SUMMER-24");
  });
});

describe("usage counting", () => {
  test("a limited code used by many concurrently paid orders never exceeds its limit", async () => {
    await admin.cart.admin.codes.create.mutate({
      code: "LIMITED3",
      kind: "fixed",
      value: 500,
      currency: "EUR",
      usageLimit: 3,
    });
    const orders = Array.from({ length: 12 }, (_, i) =>
      paidOrder(`order-limited-${i}`, "limited3", `buyer${i}@example.com`),
    );
    await Promise.all(orders.map((o) => p.ordersBus.publish(OrderPaidEvent, o, { key: o.orderId })));

    const rows = await eventually(async () => {
      const r = await redemptionsOf("LIMITED3");
      return r.length === 12 ? r : null;
    });
    expect(rows.filter((r) => r.counted)).toHaveLength(3);
    const [code] = (await admin.cart.admin.codes.list.query()).filter((c) => c.code === "LIMITED3");
    expect(code?.used).toBe(3);

    // Used up: the code no longer applies to a cart.
    await shop.product("LIMIT-1", 2000, 10);
    const user = cartClient(p, await signIn(p, "late-user"));
    await user.cart.addItem.mutate({ sku: "LIMIT-1", quantity: 1 });
    expect(await rejection(user.cart.applyCode.mutate({ code: "LIMITED3" }))).toEqual({
      code: "BAD_REQUEST",
      message: 'code: "LIMITED3" has been used up',
    });
  });

  test("an order announced twice (two event ids) is counted once", async () => {
    await admin.cart.admin.codes.create.mutate({ code: "TWICE", kind: "fixed", value: 100, currency: "EUR" });
    const order = paidOrder("order-twice", "TWICE", "twice@example.com");
    const first = await p.ordersBus.publish(OrderPaidEvent, order, { key: order.orderId });
    const second = await p.ordersBus.publish(OrderPaidEvent, order, { key: order.orderId });
    await eventually(async () => {
      const seen = await p.cart.deps.db.orm.select({ id: inbox.eventId }).from(inbox);
      return [first.id, second.id].every((id) => seen.some((s) => s.id === id));
    });
    expect(await redemptionsOf("TWICE")).toHaveLength(1);
    expect((await admin.cart.admin.codes.list.query()).find((c) => c.code === "TWICE")?.used).toBe(1);
  });

  test("a once-per-customer code is refused to a customer who already paid with it", async () => {
    await admin.cart.admin.codes.create.mutate({ code: "ONCE", kind: "percent", value: 15, oncePerCustomer: true });
    await p.ordersBus.publish(OrderPaidEvent, paidOrder("order-once-1", "ONCE", "Repeat@Example.com", "repeat-user"));
    await eventually(async () => (await redemptionsOf("ONCE")).length === 1);

    await shop.product("ONCE-1", 2000, 10);
    const user = cartClient(p, await signIn(p, "repeat-user"));
    await user.cart.addItem.mutate({ sku: "ONCE-1", quantity: 1 });
    expect((await rejection(user.cart.applyCode.mutate({ code: "once" }))).message).toContain("once per customer");
    // Once per customer keys on the signed-in user: a guest (unverified email) cannot use it at all,
    // so a fresh address gets nothing and nobody can use up another's code by typing their email.
    const orders = serviceClient(p);
    const guest = await rejection(
      orders.cart.internal.checkCode.query({ code: "ONCE", subtotal: 2000, email: "new@example.com" }),
    );
    expect(guest).toEqual({
      code: "BAD_REQUEST",
      message: 'code: "ONCE" can be used once per customer: sign in to use it',
    });
    expect(
      await orders.cart.internal.checkCode.query({
        code: "once",
        subtotal: 2000,
        email: "repeat@example.com",
        userId: "another-user",
      }),
    ).toEqual({ code: "ONCE", kind: "percent", value: 15, currency: null, minSubtotal: 0 });
  });
});

describe("uses reserved at checkout", () => {
  const reserve = (code: string, orderId: string, userId?: string) =>
    serviceClient(p).cart.internal.reserveCode.mutate({
      code,
      orderId,
      subtotal: 5000,
      email: `${orderId}@example.com`,
      ...(userId ? { userId } : {}),
    });
  const usedOf = async (code: string) => (await admin.cart.admin.codes.list.query()).find((c) => c.code === code)?.used;

  test("60 concurrent reservations of a 50-use code give exactly 50 uses; a replay takes none", async () => {
    await admin.cart.admin.codes.create.mutate({
      code: "FIFTY",
      kind: "fixed",
      value: 100,
      currency: "EUR",
      usageLimit: 50,
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => reserve("FIFTY", `fifty-${i}`)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(50);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(10);
    expect(refused.every((r) => String(r.reason.message).includes("used up"))).toBe(true);
    expect(await usedOf("FIFTY")).toBe(50);
    expect((await redemptionsOf("FIFTY")).filter((r) => r.status === "reserved")).toHaveLength(50);
    // The same order again (a retried call) keeps its one use.
    const winner = (await redemptionsOf("FIFTY"))[0]!.orderId;
    expect(await reserve("FIFTY", winner)).toMatchObject({ code: "FIFTY" });
    expect(await usedOf("FIFTY")).toBe(50);
  });

  test("a cancelled or lapsed order gives its use back; payment keeps it", async () => {
    await admin.cart.admin.codes.create.mutate({
      code: "ONEUSE",
      kind: "fixed",
      value: 100,
      currency: "EUR",
      usageLimit: 1,
    });
    await reserve("ONEUSE", "one-use-a");
    expect((await rejection(reserve("ONEUSE", "one-use-b"))).message).toContain("used up");
    await p.ordersBus.publish(
      OrderCancelledEvent,
      { orderId: "one-use-a", number: "1", email: "a@example.com", reason: "expired", wasPaid: false },
      { key: "one-use-a" },
    );
    await eventually(async () => ((await usedOf("ONEUSE")) === 0 ? true : null));
    await reserve("ONEUSE", "one-use-b");
    await p.ordersBus.publish(OrderPaidEvent, paidOrder("one-use-b", "ONEUSE", "b@example.com"), {
      key: "one-use-b",
    });
    await eventually(async () => {
      const rows = await redemptionsOf("ONEUSE");
      return rows.find((r) => r.orderId === "one-use-b")?.status === "paid" ? rows : null;
    });
    expect(await usedOf("ONEUSE")).toBe(1);
    // An orders checkout that lost its race gives the use back.
    await serviceClient(p).cart.internal.releaseCode.mutate({ orderId: "one-use-b" });
    expect(await usedOf("ONEUSE")).toBe(0);
  });

  test("a once-per-customer use held by an unpaid order blocks a second order of the same user", async () => {
    await admin.cart.admin.codes.create.mutate({
      code: "ONCEHELD",
      kind: "fixed",
      value: 100,
      currency: "EUR",
      oncePerCustomer: true,
    });
    await reserve("ONCEHELD", "held-1", "holder");
    expect((await rejection(reserve("ONCEHELD", "held-2", "holder"))).message).toContain("once per customer");
    expect((await rejection(reserve("ONCEHELD", "held-3"))).message).toContain("sign in");
  });
});

describe("internal procedures for orders", () => {
  test("forCheckout returns the lines and the code; it needs a service credential", async () => {
    await shop.product("CHECKOUT-1", 1500, 10);
    await admin.cart.admin.codes.create.mutate({ code: "CHECKOUT5", kind: "fixed", value: 500, currency: "EUR" });
    const guest = cartClient(p);
    const { cartToken, cartId } = await guest.cart.addItem.mutate({ sku: "CHECKOUT-1", quantity: 2 });
    await guest.cart.applyCode.mutate({ cartToken: cartToken!, code: "checkout5" });

    const orders = serviceClient(p);
    expect(await orders.cart.internal.forCheckout.query({ cartToken: cartToken! })).toEqual({
      cartId: cartId!,
      regionId: "eu",
      currency: "EUR",
      destination: null,
      shippingOptionId: null,
      lines: [{ sku: "CHECKOUT-1", quantity: 2, giftCard: null }],
      discount: { code: "CHECKOUT5", kind: "fixed", value: 500, currency: "EUR", minSubtotal: 0 },
    });
    expect((await rejection(guest.cart.internal.forCheckout.query({ cartToken: cartToken! }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await rejection(orders.cart.internal.forCheckout.query({ userId: "nobody" }))).code).toBe("NOT_FOUND");
    expect((await rejection(orders.cart.internal.forCheckout.query({}))).code).toBe("BAD_REQUEST");

    await guest.cart.clear.mutate({ cartToken: cartToken! });
    expect(await rejection(orders.cart.internal.forCheckout.query({ cartToken: cartToken! }))).toEqual({
      code: "BAD_REQUEST",
      message: "cart: the cart is empty",
    });
  });
});

describe("guest cart sweeper", () => {
  test("deletes guest carts untouched past the TTL and never a user's cart", async () => {
    const now = Date.now();
    const old = new Date(now - 31 * 86_400_000);
    await p.cart.deps.db.write(async (tx) => {
      await tx.insert(carts).values([
        { id: "stale-guest", tokenHash: "stale-hash", createdAt: old, updatedAt: old },
        { id: "stale-user", userId: "loyal-user", createdAt: old, updatedAt: old },
        { id: "fresh-guest", tokenHash: "fresh-hash", createdAt: new Date(now), updatedAt: new Date(now) },
      ]);
      await tx.insert(cartItems).values({
        cartId: "stale-guest",
        sku: "S",
        quantity: 1,
        priceWhenAdded: 100,
        productId: "p",
        productSlug: "p",
        title: "t",
        addedAt: old,
      });
    });
    const swept = await sweepGuestCarts(p.cart.deps, new Date(now - 30 * 86_400_000));
    expect(swept).toBe(1);
    const left = (await p.cart.deps.db.orm.select({ id: carts.id }).from(carts)).map((c) => c.id);
    expect(left).toContain("stale-user");
    expect(left).toContain("fresh-guest");
    expect(left).not.toContain("stale-guest");
    expect(await p.cart.deps.db.orm.select().from(cartItems).where(eq(cartItems.cartId, "stale-guest"))).toEqual([]);
  });
});

describe("demo data", () => {
  test("seeding is idempotent: a second start changes nothing", async () => {
    await seedDemo(p.cart.deps.db);
    await admin.cart.admin.codes.update.mutate({ code: "WELCOME10", value: 12 });
    await seedDemo(p.cart.deps.db);
    const codes = (await admin.cart.admin.codes.list.query()).filter((c) => c.code === "WELCOME10");
    expect(codes).toHaveLength(1);
    expect(codes[0]?.value).toBe(12);
  });
});

// Last in this file: it stops the other services.
describe("when a dependency is down", () => {
  test("without inventory the cart uses the catalog's availability; without the catalog it answers 503", async () => {
    await shop.product("DOWN-1", 1000, 4);
    const user = cartClient(p, await signIn(p, "down-user"));
    await user.cart.addItem.mutate({ sku: "DOWN-1", quantity: 2 });
    // The catalog mirrors availability from inventory.stock.changed.
    await eventually(
      async () => (await shop.catalog.catalog.products.bySkus.query({ skus: ["DOWN-1"] }))[0]?.available === 4,
    );

    await p.inventory.stop();
    expect((await user.cart.get.query()).lines[0]).toMatchObject({ sku: "DOWN-1", available: 4, problem: null });

    await p.catalog.stop();
    expect(await rejection(user.cart.get.query())).toEqual({
      code: "SERVICE_UNAVAILABLE",
      message: "catalog: the catalog service is unavailable; try again shortly",
    });
  });
});
