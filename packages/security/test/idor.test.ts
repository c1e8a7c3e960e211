import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eventually, refusal, shopperClients } from "./clients.ts";
import { type Platform, rowCounts, startPlatform } from "./platform.ts";
import { call, serviceToken } from "./wire.ts";

/**
 * One customer cannot reach another's things. Customer A's address, cart, order and payment are
 * made through the real procedures — the order through the whole checkout saga (catalog, inventory,
 * cart, orders, payments in this process, on shared NATS) — then customer B, a guest and an
 * anonymous caller try to read and change them by id.
 */

let p: Platform;
let a: ReturnType<typeof shopperClients>;
let b: ReturnType<typeof shopperClients>;
let anonymous: ReturnType<typeof shopperClients>;
let sku: string;

const ADDRESS = { name: "Ada Lovelace", line1: "1 Test Street", city: "Berlin", postalCode: "10115", country: "DE" };

beforeAll(async () => {
  p = await startPlatform({ seedShop: true });
  a = shopperClients(p, "customer");
  b = shopperClients(p, "otherCustomer");
  anonymous = shopperClients(p, "anonymous");
  // A demo SKU the catalog sells once inventory, told by the catalog's events, holds its stock.
  sku = await eventually(async () => {
    const page = await anonymous.catalog.catalog.products.list.query({ limit: 5 });
    const skus = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku));
    const levels = await anonymous.inventory.inventory.availability.query({ skus });
    return levels.find((l) => l.available >= 5)?.sku;
  }, 30_000);
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

describe("addresses (identity)", () => {
  test("B can neither list, change, delete nor make default A's address", async () => {
    const mine = await a.identity.identity.addresses.create.mutate(ADDRESS);
    const id = mine.id;
    expect((await b.identity.identity.addresses.list.query()).map((x) => x.id)).not.toContain(id);
    expect(
      await refusal(b.identity.identity.addresses.update.mutate({ id, address: { ...ADDRESS, name: "Eve" } })),
    ).toBe("NOT_FOUND");
    expect(await refusal(b.identity.identity.addresses.delete.mutate({ id }))).toBe("NOT_FOUND");
    expect(await refusal(b.identity.identity.addresses.setDefault.mutate({ id, kind: "billing" }))).toBe("NOT_FOUND");
    expect(await refusal(anonymous.identity.identity.addresses.list.query())).toBe("UNAUTHORIZED");
    expect(await a.identity.identity.addresses.list.query()).toEqual([mine]);
  });
});

describe("carts", () => {
  test("B sees and changes only B's own cart, whatever cart token B sends", async () => {
    await a.cart.cart.addItem.mutate({ sku, quantity: 2 });
    const guest = await anonymous.cart.cart.addItem.mutate({ sku, quantity: 1 });
    const guestToken = guest.cartToken;
    if (!guestToken) throw new Error("the guest got no cart token");

    const seenByB = await shopperClients(p, "otherCustomer", { "x-cart-token": guestToken }).cart.cart.get.query();
    expect(seenByB.lines).toEqual([]);
    expect(await refusal(b.cart.cart.removeItem.mutate({ sku }))).toBe("NOT_FOUND");
    expect(await refusal(b.cart.cart.updateItem.mutate({ sku, quantity: 1 }))).toBe("NOT_FOUND");
    expect(await refusal(b.cart.cart.merge.mutate({ cartToken: "not-the-guest-token" }))).toBe("NOT_FOUND");
    // A guest token is the guest's only credential: a wrong one finds nothing.
    const wrong = shopperClients(p, "anonymous", { "x-cart-token": `${guestToken}x` });
    expect(await refusal(wrong.cart.cart.get.query())).toBe("NOT_FOUND");

    const aCart = await a.cart.cart.get.query();
    expect(aCart.lines.map((l) => [l.sku, l.quantity])).toEqual([[sku, 2]]);
    const guestCart = await shopperClients(p, "anonymous", { "x-cart-token": guestToken }).cart.cart.get.query();
    expect(guestCart.lines.map((l) => [l.sku, l.quantity])).toEqual([[sku, 1]]);
  });

  test("B neither reads nor changes A's wishlist, nor a guest's, whatever cart token B sends (#27)", async () => {
    await a.cart.cart.wishlist.add.mutate({ sku });
    const guest = await anonymous.cart.cart.wishlist.add.mutate({ sku });
    const guestToken = guest.cartToken;
    if (!guestToken) throw new Error("the guest got no cart token");
    const bWithToken = shopperClients(p, "otherCustomer", { "x-cart-token": guestToken }).cart.cart.wishlist;
    expect((await bWithToken.get.query()).items).toEqual([]);
    expect(await refusal(bWithToken.remove.mutate({ sku }))).toBe("NOT_FOUND");
    expect(await refusal(bWithToken.moveToCart.mutate({ sku }))).toBe("NOT_FOUND");
    // A's share link shows A's items to anyone, and changes nothing: no procedure takes it to write.
    const { shareToken } = await a.cart.cart.wishlist.share.mutate({ shareName: "Ann" });
    const viaShare = shopperClients(p, "anonymous", { "x-cart-token": shareToken }).cart.cart.wishlist;
    expect(await refusal(viaShare.remove.mutate({ sku }))).toBe("NOT_FOUND");
    expect((await anonymous.cart.cart.wishlist.shared.query({ shareToken })).items.map((i) => i.sku)).toEqual([sku]);
    await a.cart.cart.wishlist.unshare.mutate();

    expect((await a.cart.cart.wishlist.get.query()).items.map((i) => i.sku)).toEqual([sku]);
    const guestList = shopperClients(p, "anonymous", { "x-cart-token": guestToken }).cart.cart.wishlist;
    expect((await guestList.get.query()).items.map((i) => i.sku)).toEqual([sku]);
  });

  test("a customer's token does not open the checkout view of anyone's cart", async () => {
    const input = { userId: p.tokens("cart").customerId };
    for (const bearer of [p.tokens("cart").otherCustomer, p.tokens("cart").admin]) {
      const r = await call(p.services.cart.url, "cart.internal.forCheckout", "query", input, { bearer });
      expect(r.status).toBe(401);
      expect(r.body).not.toContain(sku);
    }
    // With orders' service credential it works: the refusal above is about who asked.
    const ok = await call(p.services.cart.url, "cart.internal.forCheckout", "query", input, {
      serviceToken: await serviceToken("orders", "cart"),
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain(sku);
  });
});

describe("orders and payments", () => {
  let orderId: string;
  let number: string;

  beforeAll(async () => {
    const placed = await a.orders.orders.checkout.mutate({
      email: "a@example.com",
      shippingAddress: ADDRESS,
      idempotencyKey: crypto.randomUUID(),
    });
    orderId = placed.orderId;
    number = placed.number;
    await eventually(async () => {
      const o = await a.orders.orders.byId.query({ orderId });
      return o.paymentStatus === "AWAITING" && o.payment ? o : undefined;
    });
  }, 30_000);

  test("B cannot read, list, follow or cancel A's order; neither can an anonymous caller", async () => {
    const before = await rowCounts(p.services.orders.db);
    expect(await refusal(b.orders.orders.byId.query({ orderId }))).toBe("NOT_FOUND");
    expect(await refusal(anonymous.orders.orders.byId.query({ orderId }))).toBe("NOT_FOUND");
    const wrongToken = "0123456789abcdef0123456789abcdef";
    const bWithToken = shopperClients(p, "otherCustomer", { "x-order-token": wrongToken });
    expect(await refusal(bWithToken.orders.orders.byId.query({ orderId }))).toBe("NOT_FOUND");
    expect(await refusal(b.orders.orders.cancel.mutate({ orderId, reason: "other" }))).toBe("NOT_FOUND");
    expect((await b.orders.orders.mine.query({})).items.map((o) => o.id)).not.toContain(orderId);
    expect(await refusal(anonymous.orders.orders.mine.query({}))).toBe("UNAUTHORIZED");

    // The live status feed refuses too, and sends nothing of the order.
    const live = await call(
      p.services.orders.url,
      "orders.onStatus",
      "subscription",
      { orderId },
      {
        bearer: p.tokens("orders").otherCustomer,
      },
    );
    expect(live.status).toBeGreaterThanOrEqual(400);
    expect(live.body).not.toContain(number);
    expect(live.body).not.toContain("a@example.com");

    expect(await rowCounts(p.services.orders.db)).toEqual(before);
    expect((await a.orders.orders.byId.query({ orderId })).paymentStatus).toBe("AWAITING");
  });

  test("B cannot see A's payment or its client secret, nor pay it with a guessed secret", async () => {
    const own = await a.payments.payments.forOrder.query({ orderId });
    expect(own.clientSecret).toBeString();
    expect(await refusal(b.payments.payments.forOrder.query({ orderId }))).toBe("NOT_FOUND");
    expect(await refusal(anonymous.payments.payments.forOrder.query({ orderId }))).toBe("UNAUTHORIZED");
    const guessed = b.payments.payments.confirmTest.mutate({
      paymentId: own.id,
      clientSecret: `${own.clientSecret}-guess`,
      card: "4242424242424242",
    });
    expect(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"]).toContain(await refusal(guessed));
    expect((await a.orders.orders.byId.query({ orderId })).paymentStatus).toBe("AWAITING");
  });

  test("B can neither list, pay with nor remove A's saved card (#20)", async () => {
    const card = await a.payments.payments.methods.setupTest.mutate({
      card: { number: "4242424242424242", expiry: "12/34", cvc: "123" },
    });
    expect((await b.payments.payments.methods.list.query()).map((m) => m.id)).not.toContain(card.id);
    expect(await refusal(b.payments.payments.methods.remove.mutate({ paymentMethodId: card.id }))).toBe("NOT_FOUND");
    // Even holding A's payment and its secret, B cannot pay it with A's card.
    const own = await a.payments.payments.forOrder.query({ orderId });
    const paid = b.payments.payments.methods.pay.mutate({
      paymentId: own.id,
      clientSecret: own.clientSecret ?? "",
      paymentMethodId: card.id,
    });
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(await refusal(paid));
    expect(await refusal(anonymous.payments.payments.methods.list.query())).toBe("UNAUTHORIZED");
    const untouched = await a.orders.orders.byId.query({ orderId });
    expect({ status: untouched.status, payment: untouched.paymentStatus }).toEqual({
      status: "PENDING",
      payment: "AWAITING",
    });
    expect((await a.payments.payments.methods.list.query()).map((m) => m.id)).toEqual([card.id]);
  });

  test("a guest's order opens only with its access token", async () => {
    const guest = await anonymous.cart.cart.addItem.mutate({ sku, quantity: 1 });
    const placed = await anonymous.orders.orders.checkout.mutate({
      cartToken: guest.cartToken ?? "",
      email: "guest@example.com",
      shippingAddress: ADDRESS,
      idempotencyKey: crypto.randomUUID(),
    });
    expect(await refusal(b.orders.orders.byId.query({ orderId: placed.orderId }))).toBe("NOT_FOUND");
    expect(await refusal(anonymous.orders.orders.byId.query({ orderId: placed.orderId }))).toBe("NOT_FOUND");
    const holder = shopperClients(p, "anonymous", { "x-order-token": placed.accessToken });
    const viaToken = await holder.orders.orders.byId.query({ orderId: placed.orderId });
    expect(viaToken.id).toBe(placed.orderId);
    // Another order's token is no key to this one.
    expect(await refusal(holder.orders.orders.byId.query({ orderId }))).toBe("NOT_FOUND");
  }, 30_000);
});
