import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEMO_SELLERS } from "@mercato/access";
import type { CatalogRouter } from "@mercato/catalog";
import type { InventoryRouter } from "@mercato/inventory";
import { DomainError } from "@mercato/kit/errors";
import type { PaymentsRouter } from "@mercato/payments";
import { assertOwnReturn } from "../src/app/seller-orders.ts";
import type { OrderFeedItem } from "../src/contract.ts";
import type { OrdersRouter } from "../src/index.ts";
import {
  clientFor,
  eventually,
  failure,
  guestCheckout,
  type Platform,
  startPlatform,
  type TokenSource,
} from "./platform.ts";
import { makeSeller } from "./sellers.ts";

/**
 * Sellers, a marketplace-lite (#20), over real processes: two sellers each create a product; a
 * shopper buys both in one order; each seller sees only its own line and ships only it; seller A
 * cannot edit B's product or stock.
 */
let p: Platform;

function as(token: TokenSource) {
  return {
    catalog: clientFor<CatalogRouter>(p.urls.catalog, { token }).catalog,
    inventory: clientFor<InventoryRouter>(p.urls.inventory, { token }).inventory,
    orders: clientFor<OrdersRouter>(p.urls.orders, { token }).orders,
    payments: clientFor<PaymentsRouter>(p.urls.payments, { token }).payments,
  };
}

type Seller = Awaited<ReturnType<typeof makeSeller>> & { api: ReturnType<typeof as>; sku: string; productId: string };
let a: Seller;
let b: Seller;
/** The order holding one line of each seller (placed, paid and shipped by the tests below). */
let marketOrder: { orderId: string; accessToken: string };

async function sellerWithProduct(name: string, price: number): Promise<Seller> {
  const seller = await makeSeller(p, name);
  const api = as(seller.getToken);
  const sku = `SELLER-${name.toUpperCase()}-${crypto.randomUUID().slice(0, 8)}`;
  const product = await api.catalog.admin.products.create.mutate({
    title: `${name}'s teapot`,
    status: "active",
    variants: [{ sku, price }],
  });
  return { ...seller, api, sku, productId: product.productId };
}

beforeAll(async () => {
  p = await startPlatform();
  a = await sellerWithProduct("Anna", 2_000);
  b = await sellerWithProduct("Bruno", 3_500);
  // Inventory has heard of both products (stock rows and their owners).
  await eventually(async () => {
    const known = await p.shop.inventory.inventory.availability.query({ skus: [a.sku, b.sku] });
    return known.length === 2 ? true : undefined;
  }, 20_000);
}, 120_000);

afterAll(async () => {
  await p?.dispose();
});

describe("sellers", () => {
  test("a seller's product records it as owner; its list holds its own products only", async () => {
    const mine = await a.api.catalog.admin.products.list.query({ limit: 48 });
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([a.productId]);
    const all = await p.admin.catalog.catalog.admin.products.list.query({ limit: 48, q: "teapot" });
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual([a.productId, b.productId].sort());
    const [row] = await p.shop.catalog.catalog.products.bySkus.query({ skus: [a.sku] });
    expect(row?.ownerId).toBe(a.id);
  });

  test("seller A cannot open, edit or archive B's product (403 naming productId)", async () => {
    for (const call of [
      () => a.api.catalog.admin.products.byId.query({ id: b.productId }),
      () => a.api.catalog.admin.products.update.mutate({ id: b.productId, title: "Mine now" }),
      () => a.api.catalog.admin.products.archive.mutate({ id: b.productId }),
    ]) {
      const err = await failure(call());
      expect({ status: err.data?.httpStatus, field: err.data?.field }).toEqual({ status: 403, field: "productId" });
    }
    const still = await p.admin.catalog.catalog.admin.products.byId.query({ id: b.productId });
    expect(still.title).toBe("Bruno's teapot");
    // Its own: fine.
    const renamed = await a.api.catalog.admin.products.update.mutate({ id: a.productId, title: "Anna's teapot" });
    expect(renamed.title).toBe("Anna's teapot");
  });

  test("seller A adjusts its own stock only (403 naming sku for B's)", async () => {
    await eventually(async () => {
      const r = await a.api.inventory.admin.adjust
        .mutate({ sku: a.sku, kind: "receive", quantity: 10, reason: "first delivery" })
        .catch(() => undefined);
      return r;
    }, 10_000);
    await b.api.inventory.admin.adjust.mutate({ sku: b.sku, kind: "receive", quantity: 10, reason: "first delivery" });
    const err = await failure(
      a.api.inventory.admin.adjust.mutate({ sku: b.sku, kind: "correct", quantity: -5, reason: "sabotage" }),
    );
    expect({ status: err.data?.httpStatus, field: err.data?.field }).toEqual({ status: 403, field: "sku" });
    const stock = await a.api.inventory.admin.list.query({ limit: 100 });
    expect(stock.items.map((s: { sku: string }) => s.sku)).toEqual([a.sku]);
    const [levels] = await p.shop.inventory.inventory.availability.query({ skus: [b.sku] });
    expect(levels?.available).toBe(10);
  });

  test("a shopper buys both; each seller sees and ships only its own line", async () => {
    const { placed } = await guestCheckout(
      p,
      [
        { sku: a.sku, quantity: 1 },
        { sku: b.sku, quantity: 2 },
      ],
      "marketplace@example.com",
    );
    marketOrder = placed;
    const shopper = p.shop.orders(undefined, { "x-order-token": placed.accessToken });
    const awaiting = await eventually(async () => {
      const o = await shopper.orders.byId.query({ orderId: placed.orderId });
      return o.paymentStatus === "AWAITING" && o.payment?.clientSecret ? o : undefined;
    });
    expect(awaiting.lines.map((l) => [l.sku, l.sellerId])).toEqual([
      [a.sku, a.id],
      [b.sku, b.id],
    ]);
    await p.shop.payments.payments.confirmTest.mutate({
      paymentId: awaiting.payment!.paymentId,
      clientSecret: awaiting.payment!.clientSecret!,
      card: "4242424242424242",
    });
    await eventually(async () => {
      const o = await shopper.orders.byId.query({ orderId: placed.orderId });
      return o.paymentStatus === "PAID" ? o : undefined;
    });

    for (const [seller, line, total] of [
      [a, a.sku, 2_000],
      [b, b.sku, 7_000],
    ] as const) {
      const list = await seller.api.orders.admin.list.query({ limit: 50 });
      expect(list.items.map((o) => [o.id, o.total, o.itemCount])).toEqual([
        [placed.orderId, total, line === a.sku ? 1 : 2],
      ]);
      const detail = await seller.api.orders.admin.byId.query({ orderId: placed.orderId });
      expect(detail.order.lines.map((l) => l.sku)).toEqual([line]);
      expect(detail.order.totals.total).toBe(total);
      expect(detail.order.payment).toBeNull();
      expect(JSON.stringify(detail)).not.toContain(line === a.sku ? b.sku : a.sku);
    }
    // The shop sees the whole order.
    const whole = await p.admin.orders.orders.admin.byId.query({ orderId: placed.orderId });
    expect(whole.order.lines).toHaveLength(2);

    await shipOwnLine(a, placed.orderId);
    await shipOwnLine(b, placed.orderId);
  });

  test("a seller's list: the payment and fulfilment status filters apply", async () => {
    const ids = async (filter: Record<string, string>) =>
      (await a.api.orders.admin.list.query({ limit: 50, ...filter })).items.map((o) => o.id);
    expect(await ids({ paymentStatus: "PAID" })).toEqual([marketOrder.orderId]);
    expect(await ids({ paymentStatus: "AWAITING" })).toEqual([]);
    expect(await ids({ fulfilmentStatus: "FULFILLED" })).toEqual([marketOrder.orderId]);
    expect(await ids({ fulfilmentStatus: "NOT_FULFILLED" })).toEqual([]);
  });

  test("a seller's payments are scoped to nothing (empty, 404 naming orderId); no stats (403 permission)", async () => {
    expect((await a.api.payments.admin.list.query({ limit: 10 })).items).toEqual([]);
    expect(await a.api.payments.admin.listForOrder.query({ orderId: marketOrder.orderId })).toEqual([]);
    const none = await failure(a.api.payments.admin.byOrder.query({ orderId: marketOrder.orderId }));
    expect({ status: none.data?.httpStatus, field: none.data?.field }).toEqual({ status: 404, field: "orderId" });
    const stats = await failure(a.api.orders.admin.stats.query({}));
    expect({ status: stats.data?.httpStatus, field: stats.data?.field }).toEqual({ status: 403, field: "permission" });
    // The shop's staff still read them.
    const pays = await clientFor<PaymentsRouter>(p.urls.payments, {
      token: p.adminToken,
    }).payments.admin.listForOrder.query({ orderId: marketOrder.orderId });
    expect(pays.length).toBeGreaterThan(0);
  });

  test("a seller delivers only its own shipment (403 naming shipmentId) and sees its own view", async () => {
    const whole = await p.admin.orders.orders.admin.byId.query({ orderId: marketOrder.orderId });
    const shipmentOf = (sku: string) => whole.order.shipments.find((s) => s.lines.some((l) => l.sku === sku))!.id;
    const refused = await failure(
      a.api.orders.admin.deliver.mutate({ orderId: marketOrder.orderId, shipmentId: shipmentOf(b.sku) }),
    );
    expect({ status: refused.data?.httpStatus, field: refused.data?.field }).toEqual({
      status: 403,
      field: "shipmentId",
    });
    for (const seller of [a, b]) {
      const done = await seller.api.orders.admin.deliver.mutate({
        orderId: marketOrder.orderId,
        shipmentId: shipmentOf(seller.sku),
      });
      expect(done.lines.map((l) => l.sku)).toEqual([seller.sku]);
      expect(done.shipments.map((s) => s.deliveredAt !== null)).toEqual([true]);
    }
  });

  test("the returns queue shows a seller the returns of its lines only; another's return is refused", async () => {
    const shopper = p.shop.orders(undefined, {
      "x-order-token": `${marketOrder.orderId}=${marketOrder.accessToken}`,
    }).orders;
    const askA = await shopper.requestReturn.mutate({
      orderId: marketOrder.orderId,
      lines: [{ sku: a.sku, quantity: 1, reason: "damaged" }],
    });
    const askB = await shopper.requestReturn.mutate({
      orderId: marketOrder.orderId,
      lines: [{ sku: b.sku, quantity: 1, reason: "damaged" }],
    });
    const retA = askA.returns.find((r) => r.lines.some((l) => l.sku === a.sku))!;
    const retB = askB.returns.find((r) => r.lines.some((l) => l.sku === b.sku))!;
    for (const [seller, mine] of [
      [a, retA.id],
      [b, retB.id],
    ] as const) {
      const queue = await seller.api.orders.admin.returns.list.query({ limit: 50 });
      expect(queue.items.map((r) => r.returnId)).toEqual([mine]);
    }
    const all = await p.admin.orders.orders.admin.returns.list.query({ limit: 50 });
    expect(all.items.map((r) => r.returnId).sort()).toEqual([retA.id, retB.id].sort());
    // The seller role holds neither returns.manage nor returns.receive: 403 naming the permission.
    for (const call of [
      () => a.api.orders.admin.returns.approve.mutate({ orderId: marketOrder.orderId, returnId: retB.id }),
      () =>
        a.api.orders.admin.returns.receive.mutate({
          orderId: marketOrder.orderId,
          returnId: retB.id,
          lines: [{ sku: b.sku, received: 1, damaged: 0 }],
        }),
    ]) {
      const err = await failure(call());
      expect({ status: err.data?.httpStatus, field: err.data?.field }).toEqual({ status: 403, field: "permission" });
    }
    // A role with them and scope "own" (a custom seller role) is still held to its own returns.
    const view = (await p.admin.orders.orders.admin.byId.query({ orderId: marketOrder.orderId })).order;
    expect(() => assertOwnReturn(view, a.id, retA.id)).not.toThrow();
    let refused: unknown;
    try {
      assertOwnReturn(view, a.id, retB.id);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).field).toBe("returnId");
  });

  test("a seller's live feed carries only its own orders, with its lines' total", async () => {
    const heard: OrderFeedItem[] = [];
    const sub = a.api.orders.admin.onFeed.subscribe(undefined, { onData: (item) => heard.push(item) });
    const seen: OrderFeedItem[] = [];
    const shopSub = p.admin.orders.orders.admin.onFeed.subscribe(undefined, { onData: (item) => seen.push(item) });
    try {
      await Bun.sleep(500);
      const onlyB = await guestCheckout(p, [{ sku: b.sku, quantity: 1 }], "only-b@example.com");
      const both = await guestCheckout(
        p,
        [
          { sku: b.sku, quantity: 1 },
          { sku: a.sku, quantity: 2 },
        ],
        "both@example.com",
      );
      await eventually(async () => (heard.some((i) => i.orderId === both.placed.orderId) ? true : undefined));
      await eventually(async () => (seen.some((i) => i.orderId === onlyB.placed.orderId) ? true : undefined));
      expect(heard.some((i) => i.orderId === onlyB.placed.orderId)).toBe(false);
      const placedItem = heard.find((i) => i.orderId === both.placed.orderId && i.kind === "placed");
      expect(placedItem?.total).toBe(4_000);
    } finally {
      sub.unsubscribe();
      shopSub.unsubscribe();
    }
  });

  test("the demo: two demo sellers sign in with their stable ids and each owns its seeded product", async () => {
    // identity's DEMO_USERS (not a dependency of orders) give them these passwords.
    const passwords: Record<string, string> = {
      "seller@mercato.dev": "mercato-seller-1",
      "seller2@mercato.dev": "mercato-seller-2",
    };
    for (const demo of DEMO_SELLERS) {
      const session = await p.signIn(demo.email, passwords[demo.email]!);
      expect(session.user.id).toBe(demo.id);
      const mine = await as(session.getToken).catalog.admin.products.list.query({ limit: 48 });
      expect(mine.items.map((i) => i.slug)).toEqual([demo.productSlug]);
    }
  });
});

/** Ships the seller's line of the order; shipping the other seller's line is refused. */
async function shipOwnLine(seller: Seller, orderId: string) {
  const other = seller === a ? b : a;
  const refused = await failure(
    seller.api.orders.admin.ship.mutate({
      orderId,
      carrier: "DHL",
      trackingNumber: "X1",
      lines: [{ sku: other.sku, quantity: other === a ? 1 : 2 }],
    }),
  );
  expect({ status: refused.data?.httpStatus, field: refused.data?.field }).toEqual({ status: 403, field: "lines" });
  const shipped = await seller.api.orders.admin.ship.mutate({
    orderId,
    carrier: "DHL",
    trackingNumber: `T-${seller.sku}`,
    lines: [{ sku: seller.sku, quantity: seller === a ? 1 : 2 }],
  });
  // What the seller sees of the order: its own shipment, of its own line.
  expect(shipped.lines.map((l) => l.sku)).toEqual([seller.sku]);
  expect(shipped.shipments.flatMap((s) => s.lines.map((l) => l.sku))).toEqual([seller.sku]);
}
