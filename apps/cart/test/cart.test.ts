import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { OrderPlacedEvent } from "@mercato/events";
import { count } from "drizzle-orm";
import { carts } from "../src/db/schema.ts";
import {
  cartClient,
  eventually,
  merchant,
  type Platform,
  rejection,
  signIn,
  startPlatform,
  watchCart,
} from "./harness.ts";

let p: Platform;
let shop: Awaited<ReturnType<typeof merchant>>;

beforeAll(async () => {
  p = await startPlatform();
  shop = await merchant(p);
}, 30_000);

afterAll(async () => {
  await p?.dispose();
});

async function cartCount(): Promise<number> {
  const [row] = await p.cart.deps.db.orm.select({ n: count() }).from(carts);
  return row?.n ?? 0;
}

describe("guest cart, sign-in and merge", () => {
  test("a guest's cart merges into the user's cart at sign-in; quantities add up within availability", async () => {
    await shop.product("MERGE-A", 1000, 5);
    await shop.product("MERGE-B", 700, 10);
    const guest = cartClient(p);

    expect((await guest.cart.get.query()).lines).toEqual([]);
    const added = await guest.cart.addItem.mutate({ sku: "MERGE-A", quantity: 3 });
    expect(added.cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cartToken = added.cartToken!;
    const again = await guest.cart.addItem.mutate({ cartToken, sku: "MERGE-B", quantity: 1 });
    expect(again.cartToken).toBeNull(); // the token is given once
    expect((await guest.cart.get.query({ cartToken })).itemCount).toBe(4);

    const token = await signIn(p, "merge-user");
    const user = cartClient(p, token);
    await user.cart.addItem.mutate({ sku: "MERGE-A", quantity: 4 });
    // A signed-in shopper uses their own cart even when a guest token comes along.
    expect((await user.cart.get.query({ cartToken })).lines.map((l) => [l.sku, l.quantity])).toEqual([["MERGE-A", 4]]);

    const merged = await user.cart.merge.mutate({ cartToken });
    expect(Object.fromEntries(merged.lines.map((l) => [l.sku, l.quantity]))).toEqual({ "MERGE-A": 5, "MERGE-B": 1 });
    expect(merged.hasProblems).toBe(false);

    // The guest cart is gone: its token opens nothing any more, for the guest or anyone else.
    expect(await rejection(guest.cart.get.query({ cartToken }))).toEqual({
      code: "NOT_FOUND",
      message: "cartToken: no cart with this token",
    });
    const other = cartClient(p, await signIn(p, "someone-else"));
    expect((await rejection(other.cart.merge.mutate({ cartToken }))).code).toBe("NOT_FOUND");
  });
});

describe("honest reads", () => {
  test("a price change shows on the next read, with the price when added", async () => {
    const product = await shop.product("PRICE-1", 2500, 10);
    const user = cartClient(p, await signIn(p, "price-user"));
    await user.cart.addItem.mutate({ sku: "PRICE-1", quantity: 2 });

    await shop.setPrice(product.productId, "PRICE-1", 2750);
    const view = await user.cart.get.query();
    expect(view.lines[0]).toMatchObject({ price: 2750, priceWhenAdded: 2500, priceChanged: true, lineTotal: 5500 });
    expect(view.totals.subtotal).toBe(5500);

    // Changing the line means the shopper has seen the new price.
    const updated = await user.cart.updateItem.mutate({ sku: "PRICE-1", quantity: 1 });
    expect(updated.lines[0]).toMatchObject({ price: 2750, priceWhenAdded: 2750, priceChanged: false });
  });

  test("out-of-stock, short and archived lines are flagged and left out of the totals", async () => {
    await shop.product("STOCK-OK", 1000, 10);
    await shop.product("STOCK-OUT", 2000, 10);
    await shop.product("STOCK-SHORT", 3000, 10);
    const gone = await shop.product("STOCK-GONE", 4000, 10);
    const user = cartClient(p, await signIn(p, "stock-user"));
    for (const sku of ["STOCK-OK", "STOCK-OUT", "STOCK-SHORT", "STOCK-GONE"]) {
      await user.cart.addItem.mutate({ sku, quantity: 3 });
    }
    await shop.setAvailable("STOCK-OUT", 0);
    await shop.setAvailable("STOCK-SHORT", 2);
    await shop.archive(gone.productId);

    const view = await user.cart.get.query();
    expect(Object.fromEntries(view.lines.map((l) => [l.sku, l.problem]))).toEqual({
      "STOCK-OK": null,
      "STOCK-OUT": "out_of_stock",
      "STOCK-SHORT": "insufficient_stock",
      "STOCK-GONE": "unavailable",
    });
    expect(view.hasProblems).toBe(true);
    // Only STOCK-OK is priced: 3 × 10.00 = 30.00 with French VAT (20 %) inside it: 30.00 / 6 = 5.00;
    // standard shipping 4.95 under 50.00, with 0.825 → 0.82 of VAT inside it (half-even).
    expect(view.totals).toMatchObject({
      currency: "EUR",
      taxInclusive: true,
      subtotal: 3000,
      discount: 0,
      shipping: 495,
      tax: 582,
      total: 3495,
      taxLines: [{ name: "VAT 20%", rateBps: 2000, taxable: 2500 + 413, amount: 582 }],
    });

    // Fixing the short line brings it back into the totals.
    const fixed = await user.cart.updateItem.mutate({ sku: "STOCK-SHORT", quantity: 2 });
    expect(fixed.lines.find((l) => l.sku === "STOCK-SHORT")?.problem).toBeNull();
    expect(fixed.totals.subtotal).toBe(3000 + 6000);
  });

  test("totals match a hand-computed cart with a percent code (half-even rounding)", async () => {
    await shop.product("TOT-A", 1999, 10);
    await shop.product("TOT-B", 550, 10);
    const admin = cartClient(p, await signIn(p, "admin-totals", "admin"));
    await admin.cart.admin.codes.create.mutate({ code: "tenoff", kind: "percent", value: 10 });
    const user = cartClient(p, await signIn(p, "totals-user"));
    await user.cart.addItem.mutate({ sku: "TOT-A", quantity: 2 });
    await user.cart.addItem.mutate({ sku: "TOT-B", quantity: 1 });

    const plain = await user.cart.get.query();
    // Europe, prices include French VAT (20 %): the tax inside an amount is amount / 6, half-even.
    // 3998 + 550 = 4548; tax 666.33 → 666 and 91.67 → 92; shipping 495 holds 82.5 → 82.
    expect(plain.totals).toMatchObject({
      currency: "EUR",
      subtotal: 4548,
      discount: 0,
      shipping: 495,
      tax: 840,
      total: 5043,
      taxLines: [{ name: "VAT 20%", rateBps: 2000, taxable: 4548 + 495 - 840, amount: 840 }],
    });
    expect(plain.lines.map((l) => [l.sku, l.tax, l.rateBps, l.taxClass])).toEqual([
      ["TOT-A", 666, 2000, "standard"],
      ["TOT-B", 92, 2000, "standard"],
    ]);

    const view = await user.cart.applyCode.mutate({ code: "TenOff" });
    // 10 % of 4548 = 454.8 → 455, split 400 / 55; tax inside 3598 → 599.67 → 600, inside 495 → 82.
    expect(view.discount).toMatchObject({ code: "TENOFF", kind: "percent", value: 10, currency: null, problem: null });
    expect(view.lines.map((l) => [l.sku, l.discount, l.tax])).toEqual([
      ["TOT-A", 400, 600],
      ["TOT-B", 55, 82],
    ]);
    expect(view.totals).toMatchObject({
      currency: "EUR",
      subtotal: 4548,
      discount: 455,
      shipping: 495,
      tax: 764,
      total: 4588,
    });

    const removed = await user.cart.removeCode.mutate();
    expect(removed.discount).toBeNull();
    expect(removed.totals.total).toBe(5043);
  });
});

describe("refusals change nothing", () => {
  test("bad items, quantities and tokens are 4xx naming the field, and create no cart", async () => {
    await shop.product("BAD-1", 1000, 3);
    const guest = cartClient(p);
    const before = await cartCount();

    expect(await rejection(guest.cart.addItem.mutate({ sku: "NO-SUCH-SKU", quantity: 1 }))).toEqual({
      code: "NOT_FOUND",
      message: 'sku: no product with SKU "NO-SUCH-SKU" is for sale',
    });
    const zero = await rejection(guest.cart.addItem.mutate({ sku: "BAD-1", quantity: 0 }));
    expect(zero.code).toBe("BAD_REQUEST");
    expect(zero.message).toContain("quantity");
    expect((await rejection(guest.cart.addItem.mutate({ sku: "BAD-1", quantity: 100 }))).message).toContain("quantity");
    expect(await rejection(guest.cart.addItem.mutate({ sku: "BAD-1", quantity: 4 }))).toEqual({
      code: "BAD_REQUEST",
      message: "quantity: only 3 available",
    });
    expect(
      await rejection(guest.cart.addItem.mutate({ cartToken: "not-a-real-token", sku: "BAD-1", quantity: 1 })),
    ).toEqual({ code: "NOT_FOUND", message: "cartToken: no cart with this token" });
    expect(await cartCount()).toBe(before);

    const { cartToken } = await guest.cart.addItem.mutate({ sku: "BAD-1", quantity: 2 });
    const over = await rejection(guest.cart.addItem.mutate({ cartToken: cartToken!, sku: "BAD-1", quantity: 2 }));
    expect(over.message).toBe("quantity: only 3 available");
    expect((await guest.cart.get.query({ cartToken: cartToken! })).lines[0]?.quantity).toBe(2);
    expect((await rejection(guest.cart.removeItem.mutate({ cartToken: cartToken!, sku: "OTHER" }))).code).toBe(
      "NOT_FOUND",
    );
  });

  test("a bad bearer token is refused rather than treated as a guest", async () => {
    const forged = cartClient(p, "aaa.bbb.ccc");
    expect((await rejection(forged.cart.get.query())).code).toBe("UNAUTHORIZED");
  });

  test("code refusals name `code` and the reason", async () => {
    await shop.product("CODE-1", 1000, 10);
    const admin = cartClient(p, await signIn(p, "admin-codes", "admin"));
    await admin.cart.admin.codes.create.mutate({
      code: "BIGSPEND",
      kind: "fixed",
      value: 500,
      currency: "EUR",
      minSubtotal: 5000,
    });
    await admin.cart.admin.codes.create.mutate({
      code: "OLDNEWS",
      kind: "percent",
      value: 5,
      endsAt: new Date(Date.now() - 60_000),
    });
    await admin.cart.admin.codes.create.mutate({
      code: "SOON",
      kind: "percent",
      value: 5,
      startsAt: new Date(Date.now() + 3_600_000),
    });
    const user = cartClient(p, await signIn(p, "code-user"));
    await user.cart.addItem.mutate({ sku: "CODE-1", quantity: 1 });

    expect(await rejection(user.cart.applyCode.mutate({ code: "nope" }))).toEqual({
      code: "NOT_FOUND",
      message: 'code: "NOPE" is not a valid code',
    });
    const below = await rejection(user.cart.applyCode.mutate({ code: "bigspend" }));
    expect(below.code).toBe("BAD_REQUEST");
    expect(below.message).toBe('code: "BIGSPEND" needs a subtotal of at least €50.00 (the cart has €10.00)');
    expect((await rejection(user.cart.applyCode.mutate({ code: "oldnews" }))).message).toContain("expired on");
    expect((await rejection(user.cart.applyCode.mutate({ code: "soon" }))).message).toContain("valid from");
    expect((await user.cart.get.query()).discount).toBeNull();

    // A code that applied and then stops applying stays on the cart, shown with the reason.
    await user.cart.addItem.mutate({ sku: "CODE-1", quantity: 4 });
    expect((await user.cart.applyCode.mutate({ code: "BIGSPEND" })).totals.discount).toBe(500);
    await admin.cart.admin.codes.deactivate.mutate({ code: "bigspend" });
    const view = await user.cart.get.query();
    expect(view.discount?.problem?.reason).toBe("inactive");
    expect(view.totals.discount).toBe(0);
  });
});

describe("live sync", () => {
  test("onChanged yields the cart, then a fresh view after every change", async () => {
    await shop.product("LIVE-1", 1200, 10);
    const token = await signIn(p, "live-user");
    const user = cartClient(p, token);
    const watch = watchCart(p, {}, token);
    try {
      await watch.next((v) => v.itemCount === 0);
      await user.cart.addItem.mutate({ sku: "LIVE-1", quantity: 2 });
      const seen = await watch.next((v) => v.itemCount === 2);
      expect(seen.totals.subtotal).toBe(2400);
      await user.cart.clear.mutate();
      await watch.next((v) => v.itemCount === 0, 1);
    } finally {
      await watch.close();
    }
  });

  test("a guest watching by token sees the cart emptied when the order is placed", async () => {
    await shop.product("LIVE-2", 900, 10);
    const guest = cartClient(p);
    const { cartToken, cartId } = await guest.cart.addItem.mutate({ sku: "LIVE-2", quantity: 1 });
    const watch = watchCart(p, { cartToken: cartToken! });
    try {
      await watch.next((v) => v.itemCount === 1);
      await p.ordersBus.publish(OrderPlacedEvent, {
        orderId: "order-live-2",
        number: "M-1",
        userId: null,
        email: "guest@example.com",
        cartId,
        lines: [{ sku: "LIVE-2", productId: "x", title: "x", quantity: 1, unitPrice: 900 }],
        totals: { currency: "EUR", subtotal: 900, discount: 0, shipping: 495, tax: 232, total: 1395 },
        discountCode: null,
        shippingAddress: { name: "G", line1: "1 Way", city: "Town", postalCode: "1000", country: "NL" },
      });
      await watch.next((v) => v.itemCount === 0 && v.cartId === cartId);
      await eventually(async () => (await guest.cart.get.query({ cartToken: cartToken! })).itemCount === 0);
    } finally {
      await watch.close();
    }
  });
});
