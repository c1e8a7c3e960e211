import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { StatusUpdate } from "../src/index.ts";
import {
  availableOf,
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

/**
 * The checkout saga end to end: identity, catalog, inventory, cart, payments (test provider) and
 * orders each in their own process on shared private NATS and Redis. Every user token is a real
 * JWT from identity (better-auth), verified by the services against identity's JWKS: the admin is
 * identity's seeded demo admin, signed in; shoppers sign up.
 */
const RESERVATION_TTL_MS = 4_000;

let p: Platform;
let freshSku: (stock: number) => Promise<string>;

function checkout(lines: { sku: string; quantity: number }[], email = "e2e@example.com") {
  return guestCheckout(p, lines, email);
}

type Placed = Awaited<ReturnType<typeof checkout>>["placed"];

async function view(placed: Placed) {
  return p.shop
    .orders(undefined, { "x-order-token": placed.accessToken })
    .orders.byId.query({ orderId: placed.orderId });
}

async function until(placed: Placed, status: string, timeoutMs = 10_000) {
  return eventually(async () => {
    const o = await view(placed);
    return [o.status, o.paymentStatus, o.fulfilmentStatus].includes(status as never) ? o : undefined;
  }, timeoutMs);
}

async function awaitingPayment(placed: Placed) {
  const o = await eventually(async () => {
    const v = await view(placed);
    return v.paymentStatus === "AWAITING" && v.payment?.clientSecret ? v : undefined;
  });
  if (!o.payment?.clientSecret) throw new Error("no payment to confirm");
  return { paymentId: o.payment.paymentId, clientSecret: o.payment.clientSecret };
}

async function pay(placed: Placed, card = "4242424242424242") {
  const payment = await awaitingPayment(placed);
  return p.shop.payments.payments.confirmTest.mutate({ ...payment, card });
}

beforeAll(async () => {
  p = await startPlatform({
    env: {
      inventory: {
        RESERVATION_TTL_MS: String(RESERVATION_TTL_MS),
        GUEST_RESERVATION_TTL_MS: String(RESERVATION_TTL_MS),
        EXPIRY_SWEEP_MS: "200",
      },
    },
  });
  freshSku = await freshSkus(p, 30);
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

describe("checkout saga across processes", () => {
  test("happy path to COMPLETED (delivered), with onStatus streaming every transition in order", async () => {
    const sku = await freshSku(5);
    const { placed } = await checkout([{ sku, quantity: 2 }]);
    const seen: StatusUpdate[] = [];
    const sub = p.shop.orders(undefined, { "x-order-token": placed.accessToken }).orders.onStatus.subscribe(
      { orderId: placed.orderId, lastEventId: "0" },
      {
        onData: (tracked) => {
          seen.push((tracked as unknown as { data: StatusUpdate }).data);
        },
      },
    );
    try {
      await pay(placed);
      await until(placed, "PAID");
      const admin = p.admin.orders.orders.admin;
      const shipped = await admin.ship.mutate({ orderId: placed.orderId, carrier: "DHL", trackingNumber: "E2E-1" });
      const shipmentId = shipped.shipments[0]?.id ?? "";
      await admin.deliver.mutate({ orderId: placed.orderId, shipmentId });
      await eventually(async () => (seen.at(-1)?.status === "COMPLETED" ? true : undefined));
      expect(seen.map((u) => `${u.status} ${u.paymentStatus} ${u.fulfilmentStatus}`)).toEqual([
        "PENDING AWAITING NOT_FULFILLED",
        "PENDING AWAITING NOT_FULFILLED", // the payment asked: the shopper can pay
        "PLACED PAID NOT_FULFILLED",
        "PLACED PAID FULFILLED",
        "COMPLETED PAID DELIVERED",
      ]);
      expect(seen.map((u) => u.version)).toEqual([...seen.map((u) => u.version)].sort((a, b) => a - b));
    } finally {
      sub.unsubscribe();
    }
    expect(await availableOf(p, sku)).toBe(3);
  });

  test("out of stock → CANCELLED naming the SKU", async () => {
    const sku = await freshSku(2);
    const cartToken = await guestCart(p, [{ sku, quantity: 2 }]);
    await setStock(p, sku, 1);
    const placed = await p.shop.orders().orders.checkout.mutate(checkoutInput("short@example.com", cartToken));
    const o = await until(placed, "CANCELLED");
    expect(o.cancellation?.reason).toContain(`${sku} (requested 2, available 1)`);
    expect(await availableOf(p, sku)).toBe(1);
  });

  test("a declined card, then a successful retry → PAID", async () => {
    const sku = await freshSku(3);
    const { placed } = await checkout([{ sku, quantity: 1 }]);
    await pay(placed, "4000000000000002").catch(() => undefined);
    const declined = await eventually(async () => {
      const o = await view(placed);
      return o.payment?.lastError ? o : undefined;
    });
    expect(declined.paymentStatus).toBe("AWAITING");
    await pay(placed);
    await until(placed, "PAID");
  });

  test("an unpaid reservation expires → CANCELLED and the stock is back", async () => {
    const sku = await freshSku(4);
    const { placed } = await checkout([{ sku, quantity: 3 }]);
    await awaitingPayment(placed);
    expect(await availableOf(p, sku)).toBe(1);
    const o = await until(placed, "CANCELLED", RESERVATION_TTL_MS + 10_000);
    expect(o.cancellation?.by).toBe("system");
    await eventually(async () => ((await availableOf(p, sku)) === 4 ? true : undefined));
  });

  test("cancel after payment → CANCELLED, payment REFUNDED, and restocked", async () => {
    const sku = await freshSku(5);
    const { placed } = await checkout([{ sku, quantity: 2 }]);
    await pay(placed);
    await until(placed, "PAID");
    const cancelled = await p.shop.orders().orders.cancel.mutate({
      orderId: placed.orderId,
      accessToken: placed.accessToken,
      reason: "changed_mind",
    });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.paymentStatus).toBe("REFUNDED");
    expect(cancelled.refundedTotal).toBe(placed.totals.total);
    await eventually(async () => ((await availableOf(p, sku)) === 5 ? true : undefined));
  });

  test("a payment completed only at the provider (no call to orders) still makes the order PAID", async () => {
    const sku = await freshSku(3);
    const { placed } = await checkout([{ sku, quantity: 1 }]);
    const payment = placed.payment ?? (await awaitingPayment(placed));
    // The shopper's browser goes away after paying: only payments hears of it.
    await p.shop.payments.payments.confirmTest.mutate({
      paymentId: payment.paymentId,
      clientSecret: payment.clientSecret!,
      card: "4242424242424242",
    });
    const paid = await eventually(async () => {
      const list = await p.admin.orders.orders.admin.list.query({ paymentStatus: "PAID", q: placed.number });
      return list.items.length === 1 ? list.items[0] : undefined;
    });
    expect(paid.id).toBe(placed.orderId);
  });

  test("a shopper signed up at identity checks out with their JWT; only they and the admin see the order", async () => {
    const shopper = await p.signUp();
    const sku = await freshSku(3);
    await p.shop.cart(shopper.getToken).cart.addItem.mutate({ sku, quantity: 1 });
    const placed = await p.shop.orders(shopper.getToken).orders.checkout.mutate(checkoutInput(shopper.email));
    await pay(placed);
    await until(placed, "PAID");
    const mine = await p.shop.orders(shopper.getToken).orders.mine.query({ limit: 10 });
    expect(mine.items.map((o) => o.id)).toEqual([placed.orderId]);
    const own = await p.shop.orders(shopper.getToken).orders.byId.query({ orderId: placed.orderId });
    expect(own.email).toBe(shopper.email);
    const stranger = await p.signUp();
    const hidden = await failure(p.shop.orders(stranger.getToken).orders.byId.query({ orderId: placed.orderId }));
    expect(hidden.data?.code).toBe("NOT_FOUND");
    const notAdmin = await failure(p.shop.orders(shopper.getToken).orders.admin.list.query({}));
    expect(notAdmin.data?.code).toBe("FORBIDDEN");
    const listed = await p.admin.orders.orders.admin.list.query({ customer: shopper.email });
    expect(listed.items.map((o) => o.id)).toEqual([placed.orderId]);
  });

  test("inventory killed (SIGKILL) around orders.placed and restarted → the order still completes", async () => {
    const sku = await freshSku(3);
    const cartToken = await guestCart(p, [{ sku, quantity: 1 }]);
    await p.processes.inventory.kill("SIGKILL");
    const placed = await p.shop.orders().orders.checkout.mutate(checkoutInput("crash@example.com", cartToken));
    expect(placed.status).toBe("PENDING"); // nobody reserved within the wait
    await p.processes.inventory.restart();
    await pay(placed);
    await until(placed, "PAID");
    expect(await availableOf(p, sku)).toBe(2);
  });
});
