import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import type { InventoryRouter } from "@mercato/inventory";
import {
  clientFor,
  DEMO_ADMIN,
  eventually,
  failure,
  freshSkus,
  guestCheckout,
  type Platform,
  setStock,
  startPlatform,
  type TokenSource,
} from "./platform.ts";

/**
 * The staff audit log (#20) over real processes: a refund (orders) and a stock adjustment
 * (inventory) and a price change (catalog) by the signed-in demo admin each show up in their
 * service's `admin.audit.list` with who, what, when and before/after; a shopper is refused.
 */
let p: Platform;
let freshSku: (stock: number) => Promise<string>;

beforeAll(async () => {
  p = await startPlatform();
  freshSku = await freshSkus(p, 4);
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

describe("staff audit log", () => {
  test("a stock adjustment is recorded with the levels before and after", async () => {
    const sku = await freshSku(7);
    await p.admin.inventory.inventory.admin.adjust.mutate({ sku, kind: "receive", quantity: 3, reason: "delivery" });
    const page = await p.admin.inventory.inventory.admin.audit.list.query({ target: sku });
    const entry = page.items[0]!;
    expect(entry.service).toBe("inventory");
    expect(entry.action).toBe("inventory.admin.adjust");
    expect(entry.targetId).toBe(sku);
    expect(entry.actor.email).toBe(DEMO_ADMIN.email);
    expect(entry.actor.id).toBeTruthy();
    expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    expect(entry.before).toMatchObject({ onHand: 7, available: 7 });
    expect(entry.after).toMatchObject({ onHand: 10, available: 10, kind: "receive", quantity: 3, reason: "delivery" });
    // The set-up's own correction (setStock) came before it: newest first.
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    expect(Date.parse(page.items[0]!.at)).toBeGreaterThanOrEqual(Date.parse(page.items[1]!.at));
  });

  test("a refund is recorded with the order's money before and after", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckout(p, [{ sku, quantity: 1 }], "audit@example.com");
    const shopper = p.shop.orders(undefined, { "x-order-token": placed.accessToken });
    const awaiting = await eventually(async () => {
      const o = await shopper.orders.byId.query({ orderId: placed.orderId });
      return o.paymentStatus === "AWAITING" && o.payment?.clientSecret ? o : undefined;
    });
    await p.shop.payments.payments.confirmTest.mutate({
      paymentId: awaiting.payment!.paymentId,
      clientSecret: awaiting.payment!.clientSecret!,
      card: "4242424242424242",
    });
    await eventually(async () => {
      const o = await shopper.orders.byId.query({ orderId: placed.orderId });
      return o.paymentStatus === "PAID" ? o : undefined;
    });
    await p.admin.orders.orders.admin.refund.mutate({ orderId: placed.orderId, amount: 100, reason: "goodwill" });

    const page = await p.admin.orders.orders.admin.audit.list.query({
      target: placed.orderId,
      action: "orders.admin.refund",
    });
    expect(page.items).toHaveLength(1);
    const entry = page.items[0]!;
    expect(entry.actor).toMatchObject({ email: DEMO_ADMIN.email });
    expect(entry.before).toMatchObject({ refundedTotal: 0, paidAmount: placed.totals.total });
    expect(entry.after).toMatchObject({ refundedTotal: 100, input: { amount: 100, reason: "goodwill" } });

    // Filters: by actor (email), by an action prefix, by time; a refused refund records nothing.
    const mine = await p.admin.orders.orders.admin.audit.list.query({ actor: DEMO_ADMIN.email, action: "orders.*" });
    expect(mine.items.some((e) => e.id === entry.id)).toBe(true);
    const later = await p.admin.orders.orders.admin.audit.list.query({
      from: new Date(Date.parse(entry.at) + 1).toISOString(),
    });
    expect(later.items.some((e) => e.id === entry.id)).toBe(false);
    await failure(
      p.admin.orders.orders.admin.refund.mutate({ orderId: placed.orderId, amount: 10_000_000, reason: "too much" }),
    );
    const after = await p.admin.orders.orders.admin.audit.list.query({ target: placed.orderId });
    expect(after.items.filter((e) => e.action === "orders.admin.refund")).toHaveLength(1);
  });

  test("a price change is recorded with the product before and after", async () => {
    const created = await p.admin.catalog.catalog.admin.products.create.mutate({
      title: "Audited Lamp",
      variants: [{ sku: "AUDIT-LAMP-1", price: 1_000 }],
    });
    await p.admin.catalog.catalog.admin.products.update.mutate({
      id: created.productId,
      variants: [{ sku: "AUDIT-LAMP-1", price: 1_250 }],
    });
    const page = await p.admin.catalog.catalog.admin.audit.list.query({ target: created.productId });
    expect(page.items.map((e) => e.action)).toEqual(["catalog.admin.products.update", "catalog.admin.products.create"]);
    expect(page.items[0]!.before).toMatchObject({ variants: [{ sku: "AUDIT-LAMP-1", price: 1_000 }] });
    expect(page.items[0]!.after).toMatchObject({ variants: [{ sku: "AUDIT-LAMP-1", price: 1_250 }] });
  });

  test("a discount code change is recorded with the code before and after", async () => {
    const cart = clientFor<CartRouter>(p.urls.cart, { token: p.adminToken! }).cart;
    const code = `AUDIT${crypto.randomUUID().slice(0, 6).toUpperCase()}`;
    await cart.admin.codes.create.mutate({ code, kind: "percent", value: 10 });
    await cart.admin.codes.update.mutate({ code, value: 15 });
    const page = await cart.admin.audit.list.query({ target: code });
    expect(page.items.map((e) => e.action)).toEqual(["cart.admin.codes.update", "cart.admin.codes.create"]);
    expect(page.items[0]!.before).toMatchObject({ code, value: 10 });
    expect(page.items[0]!.after).toMatchObject({ code, value: 15 });
  });

  test("pages by keyset: walking the cursor gives every entry once", async () => {
    const sku = await freshSku(1);
    for (const n of [2, 3, 4]) await setStock(p, sku, n);
    const whole = await p.admin.inventory.inventory.admin.audit.list.query({ target: sku, limit: 100 });
    expect(whole.items.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await p.admin.inventory.inventory.admin.audit.list.query({ target: sku, limit: 2, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(whole.items.map((e) => e.id));
  });

  test("a shopper may not read any audit log (403)", async () => {
    const shopper = await p.signUp();
    for (const call of [
      () => p.shop.orders(shopper.getToken).orders.admin.audit.list.query({}),
      () => clientInventory(shopper.getToken).inventory.admin.audit.list.query({}),
      () => clientCatalog(shopper.getToken).catalog.admin.audit.list.query({}),
    ]) {
      const err = await failure(call());
      expect(err.data?.httpStatus).toBe(403);
    }
    const bad = await failure(p.admin.orders.orders.admin.audit.list.query({ cursor: "not-a-cursor" }));
    expect({ status: bad.data?.httpStatus, field: bad.data?.field }).toEqual({ status: 400, field: "cursor" });
  });
});

function clientInventory(token: TokenSource) {
  return clientFor<InventoryRouter>(p.urls.inventory, { token });
}

function clientCatalog(token: TokenSource) {
  return clientFor<CatalogRouter>(p.urls.catalog, { token });
}
