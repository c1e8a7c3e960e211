/**
 * Outbound webhooks (#24) from the real platform: every service as its own process on private
 * NATS and Redis (payments in this process, so msw stands in for api.stripe.com), the gateway in
 * front, notifications in development mode, and a real local receiver (Bun.serve on 127.0.0.1)
 * that checks every signature with `standardwebhooks`' `Webhook.verify`. Staff register the
 * endpoint through the gateway; then a shopper signs up, checks out and pays (a signed Stripe
 * webhook through the gateway), staff ship it, refund part of it and cancel another order, create,
 * update and archive a product and let a SKU's stock fall under its threshold. Each documented
 * type must arrive once per fact (deduplicated by `webhook-id`) from the service that really
 * emits it, its `data` parsing with the contract's zod schema; a staff member's new account is no
 * `customer.created`. Then production refuses the same
 * loopback receiver (SSRF) with nothing but NODE_ENV=production.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { OrdersRouter } from "@mercato/orders";
import type { ServiceName } from "@mercato/registry";
import {
  type CallerAuth,
  clientFor,
  eventually,
  failure,
  type ServiceClient,
  setStock,
  signInDemoAdmin,
  signUp,
  startAlone,
  startPlatform,
  type TestPlatform,
  type TestUser,
} from "@mercato/testing";
import { mockThirdParties } from "@mercato/testing/msw";
import Stripe from "stripe";
import { fakeStripe, paymentIntent } from "../../payments/test/fake-stripe.ts";
import {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_PAYLOAD_VERSION,
  type WebhookBody,
  type WebhookEventType,
  type WebhookPayloadData,
  webhookPayloadSchemas,
} from "../src/contract.ts";
import type { NotificationsRouter } from "../src/index.ts";
import { notificationsService } from "../src/service.ts";
import { startReceiver } from "./webhook-receiver.ts";

const STRIPE_WEBHOOK_SECRET = "whsec_test_mercato_webhooks_e2e";
const ADDRESS = { name: "Ada Lovelace", line1: "1 Test Street", city: "Berlin", postalCode: "10115", country: "DE" };
const parcel = { carrier: "DHL", trackingNumber: "WH-E2E-1", trackingUrl: "https://dhl.example/t/WH-E2E-1" };

const stripeApi = fakeStripe();
const stripeSigner = new Stripe("sk_test_signer");
const receiver = startReceiver();
let msw: ReturnType<typeof mockThirdParties>;
let platform: TestPlatform<ServiceName, "payments">;
let gatewayUrl: string;
let admin: TestUser;

/** One platform namespace's typed client, through the gateway (every namespace shares its /trpc). */
function viaGateway<N extends ServiceName>(_namespace: N, auth: CallerAuth = {}): ServiceClient<N> {
  return clientFor(gatewayUrl, auth) as unknown as ServiceClient<N>;
}
const staff = {
  webhooks: () => clientFor<NotificationsRouter>(gatewayUrl, { token: admin.getToken }).notifications.webhooks,
  orders: () => clientFor<OrdersRouter>(gatewayUrl, { token: admin.getToken }).orders.admin,
  catalog: () => viaGateway("catalog", { token: admin.getToken }).catalog.admin,
  inventory: () => viaGateway("inventory", { token: admin.getToken }).inventory,
};

beforeAll(async () => {
  msw = mockThirdParties(...stripeApi.handlers);
  platform = await startPlatform({
    gateway: true,
    seedDemo: true,
    inProcess: ["payments"],
    logs: true,
    // Nine processes starting at once on a loaded machine.
    readyTimeoutMs: 180_000,
    env: {
      payments: { STRIPE_SECRET_KEY: "sk_test_mercato", STRIPE_WEBHOOK_SECRET },
      // Development: the mode in which loopback receivers are allowed by default (no override).
      notifications: { NODE_ENV: "development", WEBHOOK_POLL_MS: "100" },
    },
  });
  if (!platform.gateway) throw new Error("the platform started no gateway");
  gatewayUrl = platform.gateway.url;
  admin = await signInDemoAdmin(gatewayUrl);
}, 300_000);

afterAll(async () => {
  await platform?.dispose();
  receiver.stop();
  msw?.close();
});

/** The deliveries of one type the receiver holds, one per `webhook-id`, whose data is about `subject`. */
function arrivals<T extends WebhookEventType>(type: T, about: (data: WebhookPayloadData<T>) => boolean) {
  return receiver
    .uniqueBodies()
    .filter(({ body }) => body.type === type)
    .filter(({ body }) => about(body.data as WebhookPayloadData<T>));
}

/** Waits for exactly one delivery of `type` about a subject, checks it against the contract, answers its data. */
async function arrivedOnce<T extends WebhookEventType>(
  type: T,
  about: (data: WebhookPayloadData<T>) => boolean,
): Promise<WebhookPayloadData<T>> {
  const [first] = await eventually(async () => {
    const found = arrivals(type, about);
    if (found.length === 0) throw new Error(`no ${type} webhook about this test's subject arrived`);
    return found;
  }, 60_000);
  const body = first?.body as WebhookBody;
  expect(body.version).toBe(WEBHOOK_PAYLOAD_VERSION);
  // The documented schema, strictly: no field beyond those documented (internal ones stay out).
  const schema = webhookPayloadSchemas[type];
  return schema.strict().parse(body.data) as WebhookPayloadData<T>;
}

type Orders = ReturnType<typeof clientFor<OrdersRouter>>["orders"];

/** A shopper's orders client through the gateway (a signed-in token, or a guest's order token). */
const shopperOrders = (auth: CallerAuth): Orders => clientFor<OrdersRouter>(gatewayUrl, auth).orders;

/** Pays an order as Stripe would tell payments: a signed `payment_intent.succeeded` through the gateway. */
async function payWithStripe(orders: Orders, orderId: string): Promise<void> {
  const awaiting = await eventually(async () => {
    const o = await orders.byId.query({ orderId });
    return o.paymentStatus === "AWAITING" && o.payment?.clientSecret ? o : undefined;
  }, 60_000);
  const secret = awaiting.payment?.clientSecret ?? "";
  // Stripe's client secret is the intent's id and `_secret_…`.
  const intentId = secret.slice(0, secret.indexOf("_secret_"));
  const intent = stripeApi.intents.get(intentId);
  if (!intent) throw new Error(`payments created no Stripe intent ${intentId}`);
  const event = {
    id: `evt_webhooks_e2e_${orderId}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    data: {
      object: paymentIntent({
        id: intentId,
        amount: intent.amount,
        currency: intent.currency,
        orderId,
        status: "succeeded",
      }),
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "payment_intent.succeeded",
  };
  const payload = JSON.stringify(event);
  const header = await stripeSigner.webhooks.generateTestHeaderStringAsync({ payload, secret: STRIPE_WEBHOOK_SECRET });
  const res = await fetch(`${gatewayUrl}/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header },
    body: payload,
  });
  expect(res.status).toBe(200);
  await eventually(async () => {
    const o = await orders.byId.query({ orderId });
    return o.paymentStatus === "PAID" ? o : undefined;
  }, 60_000);
}

/** A cart holding one unit of `sku` through the gateway, checked out to ADDRESS. */
async function checkout(auth: CallerAuth, sku: string, email: string) {
  const added = await viaGateway("cart", auth).cart.addItem.mutate({ sku, quantity: 1 });
  const cartToken = added.cartToken ?? undefined;
  const cartAuth: CallerAuth = cartToken ? { ...auth, headers: { "x-cart-token": cartToken } } : auth;
  return clientFor<OrdersRouter>(gatewayUrl, cartAuth).orders.checkout.mutate({
    ...(cartToken ? { cartToken } : {}),
    email,
    shippingAddress: ADDRESS,
    idempotencyKey: crypto.randomUUID(),
  });
}

describe("webhooks from the real platform", () => {
  test("every documented type arrives once, signed, from the service that emits it, as the contract says", async () => {
    // Staff register the loopback receiver through the gateway: development allows it.
    const created = await staff.webhooks().create.mutate({
      url: receiver.url,
      eventTypes: [...WEBHOOK_EVENT_TYPES],
      description: "e2e receiver",
    });
    receiver.secrets.push(created.secret);
    expect(created.endpoint.eventTypes).toEqual([...WEBHOOK_EVENT_TYPES]);

    // Two demo SKUs: one to sell, one whose stock runs low.
    const page = await viaGateway("catalog").catalog.products.list.query({ limit: 12 });
    const [sellSku, lowSku] = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku));
    if (!sellSku || !lowSku) throw new Error("the demo catalog sells too little");
    const inventory = staff.inventory();
    await eventually(async () => {
      const known = await inventory.availability.query({ skus: [sellSku, lowSku] });
      return known.length === 2 ? true : undefined;
    }, 60_000);
    await setStock(inventory, sellSku, 50, "webhooks e2e");

    // identity: a staff member accepts an invitation (an account, but not a customer)…
    const staffEmail = `picker-${Bun.randomUUIDv7().slice(-8)}@example.com`;
    const invitation = await viaGateway("identity", { token: admin.getToken }).identity.admin.staff.invite.mutate({
      email: staffEmail,
      role: "fulfilment",
    });
    // The link as notifications claims it to mail it (the bus carries only its id).
    const link = await platform
      .client("identity", { service: "notifications" })
      .identity.internal.staffInvitationLink.mutate({ linkId: invitation.id });
    const staffMember = await viaGateway("identity").identity.invitation.accept.mutate({
      token: new URL(link.url).searchParams.get("token") ?? "",
      name: "Pat Picker",
      password: "tangerine-ladder-copper-41",
    });
    // …then a customer signs up (through the gateway).
    const shopper = await signUp(gatewayUrl, { name: "Webhook Shopper" });
    const shopperAuth: CallerAuth = { token: shopper.getToken };

    // orders: the shopper checks out and pays with Stripe; staff ship all of it, then refund part.
    const paidOrder = await checkout(shopperAuth, sellSku, shopper.email);
    await payWithStripe(shopperOrders(shopperAuth), paidOrder.orderId);
    await staff.orders().ship.mutate({ orderId: paidOrder.orderId, ...parcel });
    await staff.orders().refund.mutate({
      orderId: paidOrder.orderId,
      amount: 500,
      reason: "damaged in transit",
      idempotencyKey: crypto.randomUUID(),
    });
    // Another order, a guest's, cancelled by staff before it is paid.
    const cancelledOrder = await checkout({}, sellSku, "guest-webhooks@example.com");
    await eventually(async () => {
      const o = await staff.orders().byId.query({ orderId: cancelledOrder.orderId });
      return o.order.paymentStatus === "AWAITING" ? o : undefined;
    }, 60_000);
    await staff.orders().cancel.mutate({ orderId: cancelledOrder.orderId, reason: "customer called" });

    // catalog: staff create, update and archive a product.
    const suffix = Bun.randomUUIDv7().slice(-8).toUpperCase();
    const product = await staff.catalog().products.create.mutate({
      title: `Webhook tee ${suffix}`,
      status: "active",
      variants: [{ sku: `WH-${suffix}`, options: { size: "M" }, prices: [{ currency: "EUR", amount: 2100 }] }],
    });
    await staff.catalog().products.update.mutate({ id: product.productId, title: `Webhook tee ${suffix} v2` });
    await staff.catalog().products.archive.mutate({ id: product.productId });

    // inventory: a threshold of 5, then the stock corrected down to 3.
    await setStock(inventory, lowSku, 10, "webhooks e2e");
    await inventory.admin.setLowStockThreshold.mutate({ sku: lowSku, threshold: 5 });
    await setStock(inventory, lowSku, 3, "webhooks e2e");

    const customer = await arrivedOnce("customer.created", (d) => d.customerId === shopper.user.id);
    expect(customer).toEqual({ customerId: shopper.user.id, email: shopper.email, name: "Webhook Shopper" });
    // The staff account was registered first: notifications reads identity's stream in order, one
    // message at a time, so had it been announced as a customer it would be here by now.
    expect(arrivals("customer.created", (d) => d.customerId === staffMember.userId)).toEqual([]);

    const isPaidOrder = (d: { orderId: string }) => d.orderId === paidOrder.orderId;
    const placed = await arrivedOnce("order.placed", isPaidOrder);
    expect(placed).toMatchObject({ number: paidOrder.number, email: shopper.email, customerId: shopper.user.id });
    expect(placed.lines).toEqual([expect.objectContaining({ sku: sellSku, quantity: 1 })]);
    expect(placed.totals).toMatchObject({ currency: paidOrder.totals.currency, total: paidOrder.totals.total });
    expect(placed.shippingAddress).toMatchObject(ADDRESS);
    const paid = await arrivedOnce("order.paid", isPaidOrder);
    expect(paid.totals.total).toBe(paidOrder.totals.total);
    const fulfilled = await arrivedOnce("order.fulfilled", isPaidOrder);
    expect(fulfilled).toMatchObject({ number: paidOrder.number, ...parcel });
    const refunded = await arrivedOnce("order.refunded", isPaidOrder);
    expect(refunded).toMatchObject({ amount: 500, currency: paidOrder.totals.currency, full: false, returnId: null });
    // Refunded through Stripe (msw): the one refund call payments made.
    expect(stripeApi.callsTo("/v1/refunds")).toHaveLength(1);

    const cancelled = await arrivedOnce("order.cancelled", (d) => d.orderId === cancelledOrder.orderId);
    expect(cancelled).toMatchObject({ number: cancelledOrder.number, reason: "customer called", wasPaid: false });

    const isProduct = (d: { productId: string }) => d.productId === product.productId;
    const productCreated = await arrivedOnce("product.created", isProduct);
    expect(productCreated).toMatchObject({ title: `Webhook tee ${suffix}`, status: "active" });
    expect(productCreated.variants).toEqual([{ sku: `WH-${suffix}`, price: 2100, currency: "EUR" }]);
    const productUpdated = await arrivedOnce("product.updated", isProduct);
    expect(productUpdated.title).toBe(`Webhook tee ${suffix} v2`);
    const productArchived = await arrivedOnce("product.archived", isProduct);
    expect(productArchived.status).toBe("archived");

    const low = await arrivedOnce("stock.low", (d) => d.sku === lowSku);
    expect(low).toEqual({ sku: lowSku, available: 3, threshold: 5 });

    // Every request was signed for this endpoint's secret, and a retried id carried the same bytes.
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    for (const { id, body } of receiver.uniqueBodies()) {
      for (const r of receiver.received.filter((x) => x.id === id)) expect(JSON.parse(r.body)).toEqual(body);
    }
    // And each fact once: no type about these subjects arrived under a second webhook-id.
    const ours = {
      "customer.created": arrivals("customer.created", (d) => d.customerId === shopper.user.id),
      "order.placed": arrivals("order.placed", isPaidOrder),
      "order.paid": arrivals("order.paid", isPaidOrder),
      "order.fulfilled": arrivals("order.fulfilled", isPaidOrder),
      "order.refunded": arrivals("order.refunded", isPaidOrder),
      "order.cancelled": arrivals("order.cancelled", (d) => d.orderId === cancelledOrder.orderId),
      "product.created": arrivals("product.created", isProduct),
      "product.updated": arrivals("product.updated", isProduct),
      "product.archived": arrivals("product.archived", isProduct),
      "stock.low": arrivals("stock.low", (d) => d.sku === lowSku),
    } satisfies Record<WebhookEventType, unknown[]>;
    const counts = Object.fromEntries(Object.entries(ours).map(([type, found]) => [type, found.length]));
    expect(counts).toEqual(Object.fromEntries(WEBHOOK_EVENT_TYPES.map((t) => [t, 1])));

    // The delivery log agrees: each of those is a delivery of this endpoint that a 2xx settled.
    for (const { id, body } of Object.values(ours).flat()) {
      const delivery = await eventually(async () => {
        const d = await staff.webhooks().delivery.query({ id });
        return d.status === "succeeded" ? d : undefined;
      }, 30_000);
      expect(delivery).toMatchObject({ endpointId: created.endpoint.id, type: body.type, lastStatusCode: 200 });
      expect(JSON.parse(delivery.payload)).toEqual(body);
    }
  }, 300_000);
});

describe("the receiver's address in production (SSRF)", () => {
  test("NODE_ENV=production alone refuses the loopback receiver development accepted: a 400 naming url", async () => {
    const prod = await startAlone(notificationsService, "notifications", {
      NODE_ENV: "production",
      SEED_DEMO: "false",
      MAILBOX_API: "false",
      EMAIL_TRANSPORT: "mailbox",
      ALLOW_MAILBOX_EMAIL: "true",
      SMS_TRANSPORT: "off",
      WEB_PUSH: "false",
    });
    try {
      const token = await prod.issuer.sign({ sub: "staff-1", email: "admin@acme.test", role: "admin" });
      const webhooks = clientFor<NotificationsRouter>(prod.service.url, { token }).notifications.webhooks;
      for (const url of [receiver.url, receiver.url.replace("http:", "https:")]) {
        const refused = await failure(webhooks.create.mutate({ url, eventTypes: ["order.paid"] }));
        expect(refused.data).toMatchObject({ httpStatus: 400, field: "url" });
      }
      expect((await webhooks.list.query()).items).toEqual([]);
    } finally {
      await prod.dispose();
    }
  }, 120_000);
});
