/**
 * The bus is not an open door, and money is checked (issue section 2). Each test performs one
 * attack and asserts the refusal:
 * - NATS refuses a connection without (or with wrong) credentials;
 * - a service's NATS user cannot publish another domain's events (notifications forging
 *   `payments.succeeded.v1`): the server answers with a permissions violation, and nothing lands;
 * - an insider publishing `payments.succeeded.v1` as payments' own user, for another amount or
 *   another payment id, is dead-lettered with the reason, and the order stays unpaid;
 * - a service credential is per caller, signed with the caller's own Ed25519 key: notifications
 *   may not call `payments.internal.refund` (403 naming the caller), notifications' key cannot
 *   sign as orders (401), an expired credential, one without `exp` and one for another callee are
 *   refused (401), and none passes the gateway.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import { EventBus, PaymentSucceeded } from "@mercato/events";
import type { InventoryRouter } from "@mercato/inventory";
import { createLogger, SERVICE_TOKEN_HEADER, signingKeyOf } from "@mercato/kit";
import type { OrdersRouter } from "@mercato/orders";
import type { PaymentsRouter } from "@mercato/payments";
import {
  clientFor,
  eventually,
  type NatsServer,
  startPlatform,
  type TestPlatform,
  testServiceSigner,
  testSigningKey,
} from "@mercato/testing";
import { SignJWT } from "jose";
import { call } from "./wire.ts";

const log = createLogger("security-bus", "silent");
const ADDRESS = { name: "Ada Lovelace", line1: "1 Test Street", city: "Berlin", postalCode: "10115", country: "DE" };

let p: TestPlatform;
let nats: NatsServer;
let gatewayUrl: string;
/** The harness's own bus connection (the `test` user), to inspect streams as an operator would. */
let operator: EventBus;

beforeAll(async () => {
  // Every service (the gateway is healthy only with all of them), each as its own process and NATS user.
  p = await startPlatform({ gateway: true, seedDemo: ["catalog", "inventory"] });
  nats = p.nats as NatsServer;
  if (!p.gateway) throw new Error("the gateway did not start");
  gatewayUrl = p.gateway.url;
  operator = await EventBus.connect(nats.url, "security-operator", log);
}, 120_000);

afterAll(async () => {
  await operator?.close();
  await p?.dispose();
});

/** Through the public origin, as a guest: an order awaiting its payment. */
async function orderAwaitingPayment() {
  const shop = {
    catalog: clientFor<CatalogRouter>(gatewayUrl),
    inventory: clientFor<InventoryRouter>(gatewayUrl),
    cart: clientFor<CartRouter>(gatewayUrl),
    orders: clientFor<OrdersRouter>(gatewayUrl),
  };
  const sku = await eventually(async () => {
    const page = await shop.catalog.catalog.products.list.query({ limit: 48 });
    const skus = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku)).slice(0, 100);
    const levels = await shop.inventory.inventory.availability.query({ skus });
    return levels.find((l) => l.available >= 1)?.sku;
  }, 30_000);
  const added = await shop.cart.cart.addItem.mutate({ sku, quantity: 1 });
  if (!added.cartToken) throw new Error("the cart gave no token");
  const placed = await shop.orders.orders.checkout.mutate({
    cartToken: added.cartToken,
    email: "victim@example.com",
    shippingAddress: ADDRESS,
    idempotencyKey: crypto.randomUUID(),
  });
  const holder = clientFor<OrdersRouter>(gatewayUrl, { headers: { "x-order-token": placed.accessToken } });
  const view = () => holder.orders.byId.query({ orderId: placed.orderId });
  const awaiting = await eventually(async () => {
    const o = await view();
    return o.paymentStatus === "AWAITING" && o.payment ? o : undefined;
  }, 30_000);
  return { placed, awaiting, view };
}

/** The newest dead letter of orders' consumer for `payments.succeeded.v1` that mentions `orderId`. */
async function deadLetterFor(orderId: string, expectedReason: RegExp) {
  return eventually(async () => {
    const msg = await operator.jsm.streams
      .getMessage("DEADLETTER", { last_by_subj: "deadletter.orders.payments.succeeded.v1" })
      .catch(() => null);
    const reason = msg?.header.get("x-dead-letter-reason") ?? "";
    return msg?.string().includes(orderId) && expectedReason.test(reason) ? reason : undefined;
  }, 20_000);
}

describe("NATS requires a user, and each user has only its own subjects", () => {
  test("a connection without credentials, or with a wrong password, is refused", async () => {
    const anonymous = await EventBus.connect(nats.bareUrl, "intruder", log).then(
      (bus) => bus.close().then(() => "connected"),
      (err: unknown) => String(err),
    );
    expect(anonymous).toMatch(/Authorization Violation/i);
    const wrong = nats.urlFor("orders").replace(/:[^:@/]+@/, ":not-the-password@");
    const guessed = await EventBus.connect(wrong, "intruder", log).then(
      (bus) => bus.close().then(() => "connected"),
      (err: unknown) => String(err),
    );
    expect(guessed).toMatch(/Authorization Violation/i);
  });

  test("notifications cannot publish payments.succeeded.v1: the server refuses it and nothing lands", async () => {
    const notifications = await EventBus.connect(nats.urlFor("notifications"), "notifications", log);
    try {
      const before = (await operator.jsm.streams.info("PAYMENTS")).state.messages;
      const data = {
        paymentId: "pay_forged",
        orderId: "ord_forged",
        provider: "test" as const,
        amount: 1,
        currency: "EUR" as const,
      };
      const refused = await notifications.publish(PaymentSucceeded, data).then(
        () => "published",
        (err: unknown) => String(err),
      );
      expect(refused).toMatch(/Permissions Violation for Publish to "payments\.succeeded\.v1"/);
      // A plain (core) publish is dropped by the server too.
      notifications.nc.publish("payments.succeeded.v1", JSON.stringify(data));
      await notifications.nc.flush().catch(() => undefined);
      await Bun.sleep(300);
      expect((await operator.jsm.streams.info("PAYMENTS")).state.messages).toBe(before);
      // Nor may it listen to the orders' live channel, which it does not consume.
      const eavesdrop = notifications.nc.subscribe("live.orders.>");
      const closed = await eavesdrop.closed.then(
        (outcome: unknown) => String(outcome),
        (err: unknown) => String(err),
      );
      expect(closed).toMatch(/Permissions Violation for Subscription/);
    } finally {
      await notifications.close().catch(() => undefined);
    }
  }, 30_000);
});

describe("each NATS user has only the JetStream API it needs", () => {
  /** What the server answered a JetStream API call: "ok" or the error text. */
  const outcome = (work: Promise<unknown>) =>
    work.then(
      () => "ok",
      (err: unknown) => String(err),
    );

  test("notifications creating a consumer on a stream it does not consume, or another service's durable, is refused by the server", async () => {
    const notifications = await EventBus.connect(nats.urlFor("notifications"), "notifications", log);
    try {
      // The JetStream client's own config type; its AckPolicy enum is "explicit" / "none" on the wire.
      type Config = Parameters<EventBus["jsm"]["consumers"]["add"]>[1];
      const consumer = (name: string, filter: string) =>
        ({ durable_name: name, filter_subject: filter, ack_policy: "explicit" }) as unknown as Config;
      // ANALYTICS is not among the domains notifications consumes (CART is, for wishlist alerts: #27).
      const onAnalytics = await outcome(
        notifications.jsm.consumers.add("ANALYTICS", consumer("notifications-analytics", "analytics.>")),
      );
      expect(onAnalytics).toMatch(/permissions violation/i);
      // On a stream it consumes, a durable under another service's name (stealing its messages) is refused too.
      const asInventory = await outcome(
        notifications.jsm.consumers.add("ORDERS", consumer("inventory-orders", "orders.>")),
      );
      expect(asInventory).toMatch(/permissions violation/i);
      // An ephemeral consumer (no durable name) reading PAYMENTS is refused as well.
      const ephemeral = await outcome(
        notifications.jsm.consumers.add("PAYMENTS", {
          filter_subject: "payments.>",
          ack_policy: "none",
        } as unknown as Config),
      );
      expect(ephemeral).toMatch(/permissions violation/i);
      // Its own durable on a stream it consumes is what the kit uses: allowed.
      expect(await outcome(notifications.jsm.consumers.info("ORDERS", "notifications-orders"))).toBe("ok");
      // And nothing was created on the operator's view of the streams.
      const analyticsConsumers = await operator.jsm.consumers.list("ANALYTICS").next();
      expect(analyticsConsumers.map((c) => c.name)).not.toContain("notifications-analytics");
      const orderConsumers = (await operator.jsm.consumers.list("ORDERS").next()).map((c) => c.name);
      expect(orderConsumers.filter((n) => !n.startsWith("notifications-") && !n.endsWith("-orders"))).toEqual([]);
    } finally {
      await notifications.close();
    }
  });

  test("a service user deleting or purging a stream, or deleting another's consumer, is refused; the stream keeps its messages", async () => {
    const notifications = await EventBus.connect(nats.urlFor("notifications"), "notifications", log);
    try {
      const before = (await operator.jsm.streams.info("PAYMENTS")).state.messages;
      expect(await outcome(notifications.jsm.streams.delete("PAYMENTS"))).toMatch(/permissions violation/i);
      expect(await outcome(notifications.jsm.streams.purge("PAYMENTS"))).toMatch(/permissions violation/i);
      // Not even its own stream: deleting or purging is an operator's job.
      expect(await outcome(notifications.jsm.streams.delete("NOTIFICATIONS"))).toMatch(/permissions violation/i);
      expect(await outcome(notifications.jsm.consumers.delete("ORDERS", "inventory-orders"))).toMatch(
        /permission|timeout/i,
      );
      expect((await operator.jsm.streams.info("PAYMENTS")).state.messages).toBe(before);
      expect((await operator.jsm.consumers.info("ORDERS", "inventory-orders")).name).toBe("inventory-orders");
    } finally {
      await notifications.close();
    }
  });
});

describe("orders accepts only the payment it asked for", () => {
  test("payments.succeeded.v1 with the wrong amount or payment id (as payments' own user) is dead-lettered; the order stays unpaid", async () => {
    const { placed, awaiting, view } = await orderAwaitingPayment();
    const payment = awaiting.payment;
    if (!payment) throw new Error("the order has no payment");
    const insider = await EventBus.connect(nats.urlFor("payments"), "payments", log);
    try {
      const honest = {
        paymentId: payment.paymentId,
        orderId: placed.orderId,
        provider: "test" as const,
        amount: awaiting.totals.total,
        currency: awaiting.totals.currency,
      };
      await insider.publish(PaymentSucceeded, { ...honest, amount: 1 }, { key: placed.orderId });
      expect(await deadLetterFor(placed.orderId, /amount: payment of 1, the order asked for/)).toContain(
        placed.orderId,
      );
      await insider.publish(PaymentSucceeded, { ...honest, paymentId: "pay_forged" }, { key: placed.orderId });
      expect(await deadLetterFor(placed.orderId, /paymentId: payment pay_forged, the order requested/)).toBeTruthy();
      await insider.publish(PaymentSucceeded, { ...honest, currency: "USD" }, { key: placed.orderId });
      expect(await deadLetterFor(placed.orderId, /currency: payment in USD/)).toBeTruthy();
      await Bun.sleep(500);
      expect((await view()).paymentStatus).toBe("AWAITING");
    } finally {
      await insider.close();
    }
    // The shopper's real payment still goes through (the refusals broke nothing).
    const payments = clientFor<PaymentsRouter>(gatewayUrl);
    await payments.payments.confirmTest.mutate({
      paymentId: payment.paymentId,
      clientSecret: payment.clientSecret ?? "",
      card: "4242424242424242",
    });
    await eventually(async () => ((await view()).paymentStatus === "PAID" ? true : undefined), 20_000);
  }, 120_000);
});

describe("service credentials are per caller: each service signs with its own key", () => {
  const refund = { orderId: "ord_x", amount: 100, reason: "attack", idempotencyKey: "attack-1" };
  /** A token with these claims, signed with `signer`'s own private key (what a compromised `signer` can make). */
  const signAs = (signer: string, claims: (jwt: SignJWT) => SignJWT) =>
    claims(new SignJWT({}).setProtectedHeader({ alg: "EdDSA" })).sign(signingKeyOf(testSigningKey(signer)));
  const now = () => Math.floor(Date.now() / 1000);
  const byOrder = (serviceToken: string) =>
    call(p.urls.payments, "payments.internal.byOrder", "query", { orderId: "ord_x" }, { serviceToken });

  test("notifications' own credential calling payments.internal.refund gets 403 naming the caller", async () => {
    const token = await testServiceSigner("notifications")("payments");
    const direct = await call(p.urls.payments, "payments.internal.refund", "mutation", refund, {
      serviceToken: token,
    });
    expect(direct.status).toBe(403);
    expect(JSON.parse(direct.body)).toMatchObject({
      error: { json: { data: { field: "caller", reason: "notifications may not call payments.internal.refund" } } },
    });
    // From outside, even with the credential, the gateway does not route internal procedures at all.
    const res = await fetch(`${gatewayUrl}/trpc/payments.internal.refund`, {
      method: "POST",
      headers: { "content-type": "application/json", [SERVICE_TOKEN_HEADER]: token },
      body: JSON.stringify({ json: refund }),
    });
    expect(res.status).toBe(404);
  });

  test("notifications' key signing a token that claims to be orders is refused with 401, at refund and everywhere", async () => {
    const claimsOrders = (j: SignJWT) =>
      j.setIssuer("orders").setSubject("orders").setAudience("payments").setIssuedAt().setExpirationTime("5m");
    const forged = await signAs("notifications", claimsOrders);
    const r = await call(p.urls.payments, "payments.internal.refund", "mutation", refund, { serviceToken: forged });
    expect(r.status).toBe(401);
    expect((await byOrder(forged)).status).toBe(401);
    // The same claims signed with orders' own key get past the door: the refusal is the key.
    expect((await byOrder(await signAs("orders", claimsOrders))).status).toBe(404);
  });

  test("an expired credential, one without exp, one living for a month, or one for another callee is refused with 401", async () => {
    const orders = (claims: (j: SignJWT) => SignJWT) =>
      signAs("orders", (j) => claims(j.setIssuer("orders").setSubject("orders")));
    const refused = {
      expired: await orders((j) =>
        j
          .setAudience("payments")
          .setIssuedAt(now() - 400)
          .setExpirationTime(now() - 60),
      ),
      noExp: await orders((j) => j.setAudience("payments").setIssuedAt()),
      forMonths: await orders((j) => j.setAudience("payments").setIssuedAt().setExpirationTime("30d")),
      // orders' real credential for the cart, replayed at payments.
      forCart: await testServiceSigner("orders")("cart"),
      noAudience: await orders((j) => j.setIssuedAt().setExpirationTime("5m")),
    };
    for (const [what, token] of Object.entries(refused))
      expect([what, (await byOrder(token)).status]).toEqual([what, 401]);
    // The same caller with a proper credential gets past the door (to the lookup: no such order).
    expect((await byOrder(await testServiceSigner("orders")("payments"))).status).toBe(404);
  });
});
