import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  createEvent,
  DEAD_LETTER_STREAM,
  type EventDefinition,
  OrderCancelledEvent,
  OrderDeliveredEvent,
  OrderPaidEvent,
  OrderRefundedEvent,
  OrderShippedEvent,
  PasswordResetRequested,
  PaymentFailed,
  StockLow,
  UserRegistered,
} from "@mercato/events";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { mockThirdParties } from "@mercato/testing/msw";
import { createTRPCClient, httpBatchLink, type TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import superjson from "superjson";
import type { z } from "zod";
import { deferredEvents, messages } from "../src/db/schema.ts";
import type { NotificationsRouter } from "../src/index.ts";
import { notificationsService } from "../src/service.ts";
import { consumerIdle, startDirectoryStub, waitFor } from "./support.ts";

/** What the Resend API received, as its docs describe the request. */
interface ResendCall {
  idempotencyKey: string | null;
  authorization: string | null;
  body: { from: string; to: string | string[]; subject: string; html: string; text: string };
}

const calls: ResendCall[] = [];
/** Scripted answers per recipient, used up in order; anyone else gets 200 `{ id }`. */
const scripted = new Map<string, { status: number; body: Record<string, unknown> }[]>();

const msw = mockThirdParties(
  http.post("https://api.resend.com/emails", async ({ request }) => {
    const body = (await request.json()) as ResendCall["body"];
    calls.push({
      idempotencyKey: request.headers.get("idempotency-key"),
      authorization: request.headers.get("authorization"),
      body,
    });
    const next = scripted.get([body.to].flat()[0] ?? "")?.shift();
    if (next) return HttpResponse.json(next.body, { status: next.status });
    return HttpResponse.json({ id: `re_${crypto.randomUUID()}` });
  }),
);

function callsTo(to: string): ResendCall[] {
  return calls.filter((c) => [c.body.to].flat().includes(to));
}

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let stub: ReturnType<typeof startDirectoryStub>;
let svc: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof notificationsService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  stub = startDirectoryStub();
  svc = await startTestService(notificationsService, {
    service: "notifications",
    nats,
    redis,
    issuer,
    env: {
      RESEND_API_KEY: "re_test_key",
      EMAIL_FROM: "Acme Goods <shop@acme.test>",
      SHOP_NAME: "Acme Goods",
      STOREFRONT_URL: "https://shop.example",
      EMAIL_RETRY_BASE_MS: "50",
      EMAIL_POLL_MS: "100",
      RECIPIENT_RETRY_BASE_MS: "100",
      ORDERS_URL: stub.url,
      IDENTITY_URL: stub.url,
      ADMIN_ALERT_EMAILS: "alerts@acme.test",
    },
  });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  stub?.stop();
  msw.close();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

/** Publishes one event twice under two message ids, as a redelivery would hand it over again. */
async function publishTwice<E extends EventDefinition>(
  def: E,
  data: z.input<E["data"]>,
  key?: string,
): Promise<{ id: string }> {
  const event = createEvent(def, data, key ? { key } : {});
  const payload = JSON.stringify(event);
  await svc.deps.bus.publishRaw(event.type, payload, event.id);
  await svc.deps.bus.publishRaw(event.type, payload, `${event.id}:redelivered`);
  return event;
}

async function messagesOf(eventId: string) {
  return svc.deps.db.orm.select().from(messages).where(eq(messages.eventId, eventId));
}

async function settled(eventId: string, count: number) {
  return waitFor(`${count} settled message(s) for ${eventId}`, async () => {
    const rows = await messagesOf(eventId);
    return rows.length === count && rows.every((r) => r.status !== "pending") && rows;
  });
}

async function allConsumersIdle() {
  await waitFor("consumers to finish", async () => {
    const idle = await Promise.all(
      ["identity", "orders", "payments", "inventory"].map((d) => consumerIdle(svc.deps.bus, d)),
    );
    return idle.every(Boolean);
  });
}

function client(token?: string) {
  return createTRPCClient<NotificationsRouter>({
    links: [
      httpBatchLink({
        url: `${svc.url}/trpc`,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

const address = { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" };
const lines = [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 2, unitPrice: 1999 }];
const totals = { currency: "EUR" as const, subtotal: 3998, discount: 0, shipping: 495, tax: 0, total: 4493 };

describe("notifications through Resend", () => {
  test("every event sends its email once, even when delivered twice", async () => {
    stub.state.contacts.set("ord_pf", { email: "payer@acme.test", number: "M-2002" });
    stub.state.admins = ["admin@acme.test"];
    const expectations: { eventId: string; to: string; subject: string; content: string[] }[] = [];
    const expect1 = (eventId: string, to: string, subject: string, ...content: string[]) =>
      expectations.push({ eventId, to, subject, content });

    let e = await publishTwice(UserRegistered, { userId: "u1", email: "ada@acme.test", name: "Ada" });
    expect1(e.id, "ada@acme.test", "Welcome to Acme Goods", "Welcome, Ada!");
    stub.state.links.set("link-reset-ada-0001", {
      kind: "password_reset",
      userId: "u1",
      url: "https://shop.example/reset?token=t0k",
    });
    e = await publishTwice(PasswordResetRequested, {
      userId: "u1",
      email: "ada@acme.test",
      name: "Ada",
      linkId: "link-reset-ada-0001",
      expiresAt: "2026-11-24T15:30:00.000Z",
    });
    expect1(e.id, "ada@acme.test", "Reset your Acme Goods password", "https://shop.example/reset?token=t0k");
    const ref = { orderId: "ord_1", number: "M-2001", email: "buyer@acme.test" };
    e = await publishTwice(
      OrderPaidEvent,
      { ...ref, userId: null, lines, totals, discountCode: null, shippingAddress: address },
      ref.orderId,
    );
    expect1(e.id, ref.email, "Acme Goods order M-2001 is confirmed", "Tee", "€39.98", "€44.93", "75001 Paris");
    e = await publishTwice(
      PaymentFailed,
      { paymentId: "pay_1", orderId: "ord_pf", provider: "test", code: "card_declined", reason: "card declined" },
      "ord_pf",
    );
    expect1(
      e.id,
      "payer@acme.test",
      "Payment for order M-2002 did not go through",
      "https://shop.example/checkout/pay/ord_pf",
    );
    e = await publishTwice(OrderShippedEvent, { ...ref, carrier: "DHL", trackingNumber: "JD42" }, ref.orderId);
    expect1(e.id, ref.email, "Order M-2001 is on its way", "DHL", "JD42");
    e = await publishTwice(OrderDeliveredEvent, ref, ref.orderId);
    expect1(e.id, ref.email, "Order M-2001 was delivered", "has arrived");
    e = await publishTwice(OrderCancelledEvent, { ...ref, reason: "out of stock", wasPaid: true }, ref.orderId);
    expect1(e.id, ref.email, "Order M-2001 was cancelled", "out of stock", "will be refunded");
    e = await publishTwice(OrderRefundedEvent, { ...ref, amount: 4493, currency: "EUR", full: true }, ref.orderId);
    expect1(e.id, ref.email, "Refund of €44.93 for order M-2001", "a full refund of €44.93");
    e = await publishTwice(StockLow, { sku: "TEE-M", available: 2, threshold: 5 }, "TEE-M");
    expect1(e.id, "admin@acme.test", "[Acme Goods] Low stock: TEE-M (2 left)", "Only 2 left of TEE-M");
    expect1(e.id, "alerts@acme.test", "[Acme Goods] Low stock: TEE-M (2 left)", "Only 2 left of TEE-M");

    await allConsumersIdle();
    for (const x of expectations) {
      const rows = await settled(x.eventId, expectations.filter((y) => y.eventId === x.eventId).length);
      const row = rows.find((r) => r.to === x.to);
      expect(row?.status).toBe("sent");
      expect(row?.attempts).toBe(1);
      const sent = calls.filter((c) => c.idempotencyKey === row?.id);
      expect(sent).toHaveLength(1); // once, however often the event came
      const call = sent[0]!;
      expect(call.authorization).toBe("Bearer re_test_key");
      expect(call.body.from).toBe("Acme Goods <shop@acme.test>");
      expect([call.body.to].flat()).toEqual([x.to]);
      expect(call.body.subject).toBe(x.subject);
      expect(call.body.html.startsWith("<!DOCTYPE html>")).toBe(true);
      for (const c of x.content) {
        expect(call.body.html.replace(/&amp;/g, "&")).toContain(c);
        expect(call.body.text).toContain(c);
      }
      expect(row?.providerId?.startsWith("re_")).toBe(true);
    }
    expect(calls.filter((c) => expectations.some((x) => x.to === [c.body.to].flat()[0]))).toHaveLength(
      expectations.length,
    );
    // The mailbox keeps the reset email with its link redacted, and forgets the link once sent.
    const reset = expectations.find((x) => x.subject.startsWith("Reset your"))!;
    const [row] = await messagesOf(reset.eventId);
    expect(row?.secretUrl).toBeNull();
    expect(`${row?.html}${row?.text}`).not.toContain("t0k");
    expect(row?.text).toContain("[link sent to the recipient]");
  }, 20_000);

  test("a 429 is retried with backoff, under the same idempotency key, then sent", async () => {
    scripted.set("busy@acme.test", [
      { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" } },
    ]);
    const e = await publishTwice(UserRegistered, { userId: "u2", email: "busy@acme.test", name: "Bo" });
    const [row] = await settled(e.id, 1);
    expect(row?.status).toBe("sent");
    expect(row?.attempts).toBe(2);
    const tries = callsTo("busy@acme.test");
    expect(tries).toHaveLength(2);
    expect(tries[0]?.idempotencyKey).toBe(row!.id);
    expect(tries[1]?.idempotencyKey).toBe(row!.id);
  });

  test("a 5xx that never ends gives up after EMAIL_MAX_ATTEMPTS", async () => {
    const down = { status: 503, body: { statusCode: 503, name: "internal_server_error", message: "Unavailable" } };
    scripted.set(
      "flaky@acme.test",
      Array.from({ length: 10 }, () => down),
    );
    const e = await publishTwice(UserRegistered, { userId: "u3", email: "flaky@acme.test", name: "Flo" });
    const [row] = await settled(e.id, 1);
    expect(row?.status).toBe("failed");
    expect(row?.attempts).toBe(5);
    expect(row?.lastError).toContain("Unavailable");
    expect(callsTo("flaky@acme.test")).toHaveLength(5);
    scripted.delete("flaky@acme.test");
  });

  test("a 422 fails at once with Resend's message; an admin can list and retry it", async () => {
    scripted.set("rejected@acme.test", [
      { status: 422, body: { statusCode: 422, name: "validation_error", message: "The `to` field is not allowed." } },
    ]);
    const e = await publishTwice(UserRegistered, { userId: "u4", email: "rejected@acme.test", name: "Rex" });
    const [row] = await settled(e.id, 1);
    expect(row?.status).toBe("failed");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toContain("The `to` field is not allowed.");
    expect(callsTo("rejected@acme.test")).toHaveLength(1);

    const admin = client(await issuer.sign({ sub: "a1", email: "admin@acme.test", role: "admin" }));
    const customer = client(await issuer.sign({ sub: "c1", email: "c@acme.test" }));
    const failed = await admin.notifications.admin.failed.query();
    expect(failed.find((m) => m.id === row!.id)?.lastError).toContain("not allowed");
    const forbidden = await customer.notifications.admin.failed.query().catch((err: unknown) => err);
    expect((forbidden as TRPCClientError<NotificationsRouter>).data?.code).toBe("FORBIDDEN");

    await admin.notifications.admin.retry.mutate({ id: row!.id });
    const sent = await waitFor("the retried message to be sent", async () => {
      const [r] = await messagesOf(e.id);
      return r?.status === "sent" && r;
    });
    expect(sent.id).toBe(row!.id);
    expect(callsTo("rejected@acme.test").map((c) => c.idempotencyKey)).toEqual([row!.id, row!.id]);

    const again = await admin.notifications.admin.retry.mutate({ id: row!.id }).catch((err: unknown) => err);
    expect((again as TRPCClientError<NotificationsRouter>).data?.code).toBe("CONFLICT");
    expect((again as Error).message).toStartWith("id:");
    const missing = await admin.notifications.admin.retry.mutate({ id: "nope" }).catch((err: unknown) => err);
    expect((missing as TRPCClientError<NotificationsRouter>).data?.code).toBe("NOT_FOUND");
  });

  test("a reset email that failed keeps its link for a retry, which delivers it; then the link is gone", async () => {
    scripted.set("reset-retry@acme.test", [
      { status: 422, body: { statusCode: 422, name: "validation_error", message: "Temporarily refused." } },
    ]);
    const resetUrl = "https://shop.example/reset?token=retry-t0k";
    stub.state.links.set("link-reset-rae-0001", { kind: "password_reset", userId: "u9", url: resetUrl });
    const e = await publishTwice(PasswordResetRequested, {
      userId: "u9",
      email: "reset-retry@acme.test",
      name: "Rae",
      linkId: "link-reset-rae-0001",
      expiresAt: "2026-11-24T15:30:00.000Z",
    });
    const [row] = await settled(e.id, 1);
    expect(row?.status).toBe("failed");
    expect(row?.secretUrl).toBe(resetUrl);
    const admin = client(await issuer.sign({ sub: "a2", email: "admin@acme.test", role: "admin" }));
    // What the admin may read of it has no link.
    const shown = await admin.notifications.mailbox.byId.query({ id: row!.id });
    expect(JSON.stringify(shown)).not.toContain("retry-t0k");
    await admin.notifications.admin.retry.mutate({ id: row!.id });
    const sent = await waitFor("the retried reset email to be sent", async () => {
      const [r] = await messagesOf(e.id);
      return r?.status === "sent" && r;
    });
    expect(sent.secretUrl).toBeNull();
    const calls = callsTo("reset-retry@acme.test");
    expect(calls).toHaveLength(2);
    for (const c of calls) expect(c.body.text).toContain(resetUrl);
  });

  test("a malformed recipient is marked failed without calling Resend", async () => {
    stub.state.contacts.set("ord_bad", { email: "not an address", number: "M-2003" });
    const e = await publishTwice(
      PaymentFailed,
      { paymentId: "pay_2", orderId: "ord_bad", provider: "test", code: "card_declined", reason: "declined" },
      "ord_bad",
    );
    const [row] = await settled(e.id, 1);
    expect(row?.status).toBe("failed");
    expect(row?.attempts).toBe(0);
    expect(row?.lastError).toStartWith("to:");
    expect(callsTo("not an address")).toHaveLength(0);
  });

  test("payments.failed waits while orders cannot answer, then sends (never dead-lettered)", async () => {
    stub.state.ordersUp = false;
    stub.state.contacts.set("ord_late", { email: "late@acme.test", number: "M-2004" });
    const before = stub.state.contactCalls;
    const e = await publishTwice(
      PaymentFailed,
      { paymentId: "pay_3", orderId: "ord_late", provider: "test", code: "card_declined", reason: "declined" },
      "ord_late",
    );
    await waitFor("the event to be deferred", async () => {
      const [d] = await svc.deps.db.orm.select().from(deferredEvents).where(eq(deferredEvents.eventId, e.id));
      return d !== undefined && (await consumerIdle(svc.deps.bus, "payments"));
    });
    // Keeps asking while orders is down.
    await waitFor("a retried lookup", async () => stub.state.contactCalls >= before + 3);
    expect(await messagesOf(e.id)).toHaveLength(0);

    stub.state.ordersUp = true;
    const [row] = await settled(e.id, 1);
    expect(row?.status).toBe("sent");
    expect(row?.to).toBe("late@acme.test");
    expect(row?.subject).toBe("Payment for order M-2004 did not go through");
    expect(await svc.deps.db.orm.select().from(deferredEvents).where(eq(deferredEvents.eventId, e.id))).toHaveLength(0);
    const dead = await svc.deps.bus.jsm.streams.info(DEAD_LETTER_STREAM, {
      subjects_filter: "deadletter.notifications.payments.>",
    });
    expect(dead.state.subjects?.["deadletter.notifications.payments.failed.v1"] ?? 0).toBe(0);
  });

  test("an event that fails its schema goes to the dead-letter stream and sends nothing", async () => {
    const id = Bun.randomUUIDv7();
    const bad = {
      id,
      type: OrderShippedEvent.type,
      occurredAt: new Date().toISOString(),
      correlationId: id,
      data: { orderId: "ord_x", number: "M-9", email: "not-an-email", carrier: "DHL", trackingNumber: "T1" },
    };
    await svc.deps.bus.publishRaw(OrderShippedEvent.type, JSON.stringify(bad), id);
    const subject = `deadletter.notifications.${OrderShippedEvent.type}`;
    const dead = await waitFor("the dead letter", async () => {
      const msg = await svc.deps.bus.jsm.streams
        .getMessage(DEAD_LETTER_STREAM, { last_by_subj: subject })
        .catch(() => undefined);
      return msg && (msg.json() as { id: string }).id === id ? msg : undefined;
    });
    expect(dead.header.get("x-dead-letter-reason")).toContain("data.email");
    expect(dead.header.get("x-original-subject")).toBe(OrderShippedEvent.type);
    expect(await messagesOf(id)).toHaveLength(0);
  });
});
