import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  type EventDefinition,
  OrderPlacedEvent,
  OrderShipmentShippedEvent,
  ProductCreated,
  StockLow,
  UserRegistered,
} from "@mercato/events";
import {
  clientFor,
  failure,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { WebhookBody, WebhookEndpointCreateInput } from "../src/contract.ts";
import { messages, webhookDeliveries, webhookEndpoints } from "../src/db/schema.ts";
import type { NotificationsRouter } from "../src/index.ts";
import { notificationsService } from "../src/service.ts";
import { consumerIdle, publishEvent, startDirectoryStub, waitFor } from "./support.ts";
import { type Receiver, startReceiver } from "./webhook-receiver.ts";

/**
 * Outbound webhooks (#24) over real parts: the service with its own libSQL file and NATS
 * JetStream, staff calls over real HTTP with real tokens, and real local receivers (Bun.serve on
 * 127.0.0.1) that answer as a script says and check every signature with `standardwebhooks`'
 * `Webhook.verify`, the Standard Webhooks reference algorithm.
 */
const TIMEOUT_MS = 400;

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let stub: ReturnType<typeof startDirectoryStub>;
let svc: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof notificationsService.run>>>>>;
let adminToken: string;
let customerToken: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  stub = startDirectoryStub();
  stub.state.admins.push("ops@acme.test");
  svc = await startTestService(notificationsService, {
    service: "notifications",
    nats,
    redis,
    issuer,
    env: {
      EMAIL_POLL_MS: "100",
      ORDERS_URL: stub.url,
      IDENTITY_URL: stub.url,
      WEBHOOK_MAX_ATTEMPTS: "3",
      WEBHOOK_RETRY_BASE_MS: "30",
      WEBHOOK_RETRY_MAX_MS: "200",
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_DISABLE_AFTER_FAILURES: "3",
      WEBHOOK_DISABLE_AFTER_MS: "0",
      WEBHOOK_POLL_MS: "100",
      WEBHOOK_SECRET_OVERLAP_SECONDS: "3600",
    },
  });
  adminToken = await issuer.sign({ sub: "staff-1", email: "admin@acme.test", role: "admin" });
  customerToken = await issuer.sign({ sub: "shopper-1", email: "shopper@acme.test", role: "customer" });
}, 60_000);

afterAll(async () => {
  for (const r of receivers) r.stop();
  await svc?.dispose();
  stub?.stop();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

/** The service's own client over real HTTP, as a user with `token` (anonymous without). */
const client = (token?: string) => clientFor<NotificationsRouter>(svc.url, { token });
const staff = () => client(adminToken).notifications.webhooks;

/** A receiver and an endpoint pointing at it, the receiver holding the endpoint's secret. */
async function endpointWithReceiver(input: Partial<WebhookEndpointCreateInput> = {}) {
  const receiver = startReceiver();
  receivers.push(receiver);
  const created = await staff().create.mutate({
    url: receiver.url,
    eventTypes: ["stock.low"],
    description: "test receiver",
    ...input,
  });
  receiver.secrets.push(created.secret);
  return { receiver, endpoint: created.endpoint, secret: created.secret };
}

async function delivery(id: string) {
  return staff().delivery.query({ id });
}

async function settled(id: string) {
  return waitFor(
    `delivery ${id} to settle`,
    async () => {
      const d = await delivery(id);
      return d.status !== "pending" ? d : undefined;
    },
    20_000,
  );
}

const publish = <E extends EventDefinition>(def: E, data: z.input<E["data"]>, key: string) =>
  publishEvent(svc.deps.bus, def, data, key);

describe("staff API", () => {
  test("bad input is a 400 naming the field, and writes nothing", async () => {
    const before = await svc.deps.db.orm.select().from(webhookEndpoints);
    const cases: [Record<string, unknown>, string][] = [
      [{ url: "not a url", eventTypes: ["order.paid"] }, "url"],
      [{ url: "ftp://example.com/hook", eventTypes: ["order.paid"] }, "url"],
      [{ url: "https://user:pw@example.com/hook", eventTypes: ["order.paid"] }, "url"],
      [{ url: "https://example.com/hook", eventTypes: [] }, "eventTypes"],
      [{ url: "https://example.com/hook", eventTypes: ["order.exploded"] }, "eventTypes.0"],
      [{ url: "https://example.com/hook", eventTypes: ["order.paid"], description: "d".repeat(501) }, "description"],
    ];
    for (const [input, field] of cases) {
      const err = await failure(staff().create.mutate(input as never));
      expect(err.data?.httpStatus).toBe(400);
      expect((err.data as { field?: string } | undefined)?.field).toBe(field);
    }
    const missing = await failure(staff().update.mutate({ id: "ep_nope", description: "x" }));
    expect(missing.data?.httpStatus).toBe(404);
    expect((missing.data as { field?: string } | undefined)?.field).toBe("id");
    const cursor = await failure(staff().deliveries.query({ endpointId: "ep_nope" }));
    expect(cursor.data?.httpStatus).toBe(404);
    expect(await svc.deps.db.orm.select().from(webhookEndpoints)).toEqual(before);
  });

  test("only staff with webhooks.manage may manage endpoints", async () => {
    const anonymous = await failure(client().notifications.webhooks.list.query());
    expect(anonymous.data?.httpStatus).toBe(401);
    const customer = await failure(client(customerToken).notifications.webhooks.list.query());
    expect(customer.data?.httpStatus).toBe(403);
    expect((customer.data as { field?: string } | undefined)?.field).toBe("permission");
  });

  test("the secret is answered on create only, and stored sealed", async () => {
    const { endpoint, secret } = await endpointWithReceiver({ eventTypes: ["order.paid", "order.placed"] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // Kept in the order of the catalog of types, whatever the order given.
    expect(endpoint.eventTypes).toEqual(["order.placed", "order.paid"]);
    const listed = await staff().list.query();
    expect(listed.items.some((e) => e.id === endpoint.id)).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    const [row] = await svc.deps.db.orm.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row?.secretCiphertext.startsWith("v1.")).toBe(true);
    expect(row?.secretCiphertext).not.toContain(secret.slice(6, 20));
  });
});

describe("delivery", () => {
  test("fails twice then succeeds: 3 attempts, one webhook-id, each signature verifies", async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    receiver.script.push(500, 503);
    const sent = await staff().sendTest.mutate({ id: endpoint.id });
    const done = await settled(sent.id);
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBe(3);
    expect(receiver.received.map((r) => r.id)).toEqual([sent.id, sent.id, sent.id]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // The same bytes every time.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const body = JSON.parse(receiver.received[0]?.body ?? "{}") as WebhookBody;
    expect(body).toMatchObject({ type: "webhook.test", version: 1, data: { endpointId: endpoint.id } });
    // The log, newest first: the two failures kept a truncated excerpt of the answer.
    expect(done.log.map((a) => a.statusCode)).toEqual([200, 503, 500]);
    expect(done.log[0]?.responseExcerpt).toBe("ok");
    expect(done.log[1]?.error).toBe("HTTP 503");
    expect(done.log[1]?.responseExcerpt?.length).toBe(1024);
    expect(done.log[1]?.responseExcerpt?.endsWith("…")).toBe(true);
    for (const a of done.log) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    // A success ends the failure streak.
    const [row] = await svc.deps.db.orm.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row?.consecutiveFailures).toBe(0);
    expect(row?.enabled).toBe(true);
  });

  test("an attempt that times out is logged as such and retried", async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    receiver.script.push("hang");
    const sent = await staff().sendTest.mutate({ id: endpoint.id });
    const done = await settled(sent.id);
    expect(done.status).toBe("succeeded");
    expect(done.log.map((a) => a.statusCode)).toEqual([200, null]);
    expect(done.log[1]?.error).toBe(`timed out after ${TIMEOUT_MS} ms`);
    expect(done.log[1]?.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(receiver.received.map((r) => r.id)).toEqual([sent.id, sent.id]);
  });

  test("a redirect is not followed: it counts as a failure", async () => {
    const target = startReceiver();
    receivers.push(target);
    const { receiver, endpoint } = await endpointWithReceiver();
    receiver.script.push({ redirect: target.url });
    const sent = await staff().sendTest.mutate({ id: endpoint.id });
    const done = await settled(sent.id);
    expect(done.log.map((a) => a.statusCode)).toEqual([200, 302]);
    expect(done.log[1]?.error).toBe(`redirect to ${target.url} not followed`);
    expect(target.received).toHaveLength(0);
  });

  test("manual redelivery sends the same webhook-id and body again", async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    const sent = await staff().sendTest.mutate({ id: endpoint.id });
    await settled(sent.id);
    expect(receiver.received).toHaveLength(1);
    const again = await staff().redeliver.mutate({ id: sent.id });
    expect(again.status).toBe("pending");
    const done = await settled(sent.id);
    expect(done.status).toBe("succeeded");
    expect(receiver.received.map((r) => r.id)).toEqual([sent.id, sent.id]);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);
    expect(receiver.received[1]?.verified).toBe(true);
    const missing = await failure(staff().redeliver.mutate({ id: "msg_nope" }));
    expect(missing.data?.httpStatus).toBe(404);
  });

  test("a rotated secret: the old one still verifies during the overlap, the new one does", async () => {
    const { receiver, endpoint, secret: old } = await endpointWithReceiver();
    const rotated = await staff().rotateSecret.mutate({ id: endpoint.id });
    expect(rotated.secret).not.toBe(old);
    expect(rotated.endpoint.previousSecretExpiresAt).not.toBeNull();
    receiver.secrets.push(rotated.secret);
    const sent = await staff().sendTest.mutate({ id: endpoint.id });
    await settled(sent.id);
    expect(receiver.received[0]?.verifiedWith).toEqual([old, rotated.secret]);
    expect(receiver.received[0]?.signature.split(" ")).toHaveLength(2);
  });

  test("sustained failure disables the endpoint and emails staff; waiting deliveries resume when enabled", async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    receiver.script.push(500, 500, 500);
    const sent = await staff().sendTest.mutate({ id: endpoint.id });
    const done = await settled(sent.id);
    expect(done.status).toBe("failed");
    expect(done.attempts).toBe(3);
    const listed = (await staff().list.query()).items.find((e) => e.id === endpoint.id);
    expect(listed?.enabled).toBe(false);
    expect(listed?.disabledReason).toContain("3 failed attempts in a row");
    const email = await waitFor("the staff email", async () => {
      const [m] = await svc.deps.db.orm
        .select()
        .from(messages)
        .where(and(eq(messages.template, "webhook-disabled"), eq(messages.to, "ops@acme.test")));
      return m;
    });
    expect(email.subject).toContain(receiver.url);
    expect(email.text).toContain(`/admin/webhooks/${endpoint.id}`);
    // Disabled: no test event, no redelivery.
    const refused = await failure(staff().sendTest.mutate({ id: endpoint.id }));
    expect(refused.data?.httpStatus).toBe(409);
    // Turned back on by staff: the streak starts over and a redelivery goes out.
    const enabled = await staff().update.mutate({ id: endpoint.id, enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    await staff().redeliver.mutate({ id: sent.id });
    expect((await settled(sent.id)).status).toBe("succeeded");
  });

  test("a delivery is a row: one left mid-send (leased) by a crash is sent when its lease ends", async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    const sent = await staff().sendTest.mutate({ id: endpoint.id });
    await settled(sent.id);
    // Marked as a crashed process leaves it: pending, one attempt begun, leased for a moment more.
    await svc.deps.db.write((tx) =>
      tx
        .update(webhookDeliveries)
        .set({ status: "pending", attempts: 1, nextAttemptAt: new Date(Date.now() + 300) })
        .where(eq(webhookDeliveries.id, sent.id)),
    );
    const done = await settled(sent.id);
    expect(done.status).toBe("succeeded");
    expect(receiver.received.map((r) => r.id)).toEqual([sent.id, sent.id]);
  });
});

describe("events to webhooks", () => {
  const address = { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" };

  test("platform events become the subscribed types, once per event, with the documented payloads", async () => {
    const { receiver, endpoint } = await endpointWithReceiver({
      eventTypes: ["order.placed", "order.fulfilled", "product.created", "stock.low", "customer.created"],
    });
    // Another endpoint, subscribed to none of these, gets nothing.
    const other = await endpointWithReceiver({ eventTypes: ["order.refunded"] });
    const placed = await publish(
      OrderPlacedEvent,
      {
        orderId: "ord_1",
        number: "M-1001",
        userId: "u1",
        email: "ada@example.com",
        cartId: null,
        lines: [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 2, unitPrice: 1999, sellerId: "s1" }],
        totals: { currency: "EUR", subtotal: 3998, discount: 0, shipping: 495, tax: 0, total: 4493 },
        discountCode: null,
        shippingAddress: address,
      },
      "ord_1",
    );
    // Published twice (a redelivery): one webhook.
    await svc.deps.bus.publishRaw(placed.type, JSON.stringify(placed), `${placed.id}-again`);
    const shipment = {
      orderId: "ord_1",
      number: "M-1001",
      email: "ada@example.com",
      shipmentId: "shp_1",
      lines: [{ sku: "TEE-M", quantity: 2 }],
      carrier: "DHL",
      trackingNumber: "JD0001",
      trackingUrl: null,
      shippingMethod: null,
      exchangeReturnId: null,
    };
    await publish(OrderShipmentShippedEvent, { ...shipment, shipmentId: "shp_0", complete: false }, "ord_1");
    await publish(OrderShipmentShippedEvent, { ...shipment, complete: true }, "ord_1");
    await publish(
      ProductCreated,
      {
        productId: "prod_1",
        slug: "tee",
        title: "Tee",
        status: "active",
        categoryIds: ["c1"],
        ownerId: "seller-9",
        brand: "Acme",
        variants: [{ sku: "TEE-M", price: 1999, currency: "EUR" }],
      },
      "prod_1",
    );
    await publish(StockLow, { sku: "TEE-M", available: 2, threshold: 5 }, "TEE-M");
    await publish(UserRegistered, { userId: "u1", email: "ada@example.com", name: "Ada" }, "u1");
    for (const d of ["orders", "catalog", "inventory", "identity"]) {
      await waitFor(`the ${d} consumer to drain`, () => consumerIdle(svc.deps.bus, d), 20_000);
    }
    const bodies = await waitFor(
      "five webhooks",
      async () => (receiver.received.length >= 5 ? receiver.received : undefined),
      20_000,
    );
    const byType = new Map(
      bodies.map((r) => [(JSON.parse(r.body) as WebhookBody).type, JSON.parse(r.body) as WebhookBody]),
    );
    expect([...byType.keys()].map(String).sort()).toEqual(
      ["customer.created", "order.fulfilled", "order.placed", "product.created", "stock.low"].sort(),
    );
    expect(bodies.every((r) => r.verified)).toBe(true);
    expect(byType.get("order.placed")).toEqual({
      type: "order.placed",
      version: 1,
      timestamp: placed.occurredAt,
      data: {
        orderId: "ord_1",
        number: "M-1001",
        email: "ada@example.com",
        customerId: "u1",
        // No seller id: internal.
        lines: [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 2, unitPrice: 1999 }],
        totals: {
          currency: "EUR",
          subtotal: 3998,
          discount: 0,
          shipping: 495,
          tax: 0,
          total: 4493,
          taxInclusive: false,
          taxLines: [],
        },
        discountCode: null,
        shippingAddress: address,
        regionId: null,
      },
    });
    expect(byType.get("order.fulfilled")?.data).toEqual({
      orderId: "ord_1",
      number: "M-1001",
      email: "ada@example.com",
      shipmentId: "shp_1",
      carrier: "DHL",
      trackingNumber: "JD0001",
      trackingUrl: null,
    });
    expect(byType.get("product.created")?.data).not.toHaveProperty("ownerId");
    expect(byType.get("stock.low")?.data).toEqual({ sku: "TEE-M", available: 2, threshold: 5 });
    expect(byType.get("customer.created")?.data).toEqual({ customerId: "u1", email: "ada@example.com", name: "Ada" });
    const page = await staff().deliveries.query({ endpointId: endpoint.id, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const rest = await staff().deliveries.query({ endpointId: endpoint.id, limit: 10, cursor: page.nextCursor ?? "" });
    expect(rest.items).toHaveLength(3);
    expect(other.receiver.received).toHaveLength(0);
  });
});
