import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  createEvent,
  type EventDefinition,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderShipmentShippedEvent,
  OrderShippedEvent,
  PasswordResetRequested,
  UserPreferencesChanged,
} from "@mercato/events";
import {
  type PushEndpoint,
  type RunningServer,
  startNats,
  startPushEndpoint,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { mockThirdParties } from "@mercato/testing/msw";
import { createTRPCClient, httpBatchLink, type TRPCClientError } from "@trpc/client";
import { and, eq } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import superjson from "superjson";
import type { z } from "zod";
import type { PushPayload } from "../src/contract.ts";
import { messages, pushSubscriptions, smsOptOuts } from "../src/db/schema.ts";
import { REDACTED_LINK } from "../src/domain/redact.ts";
import { twilioSignature } from "../src/domain/twilio-signature.ts";
import type { NotificationsRouter } from "../src/index.ts";
import { notificationsService } from "../src/service.ts";
import { consumerIdle, startDirectoryStub, waitFor } from "./support.ts";

/**
 * #22 over real parts: NATS JetStream, the real service with its own libSQL file, Twilio's Messages
 * API through msw (request and answers as Twilio documents them), and web push to the harness's
 * local push service, which checks the VAPID JWT and decrypts the aes128gcm payload with the keys
 * a browser would hold. Every channel goes through the one outbox, retries and dead-letter.
 */
const SID = `AC${"a1".repeat(16)}`;
const TOKEN = "twilio-auth-token-0123456789abcdef";
const FROM = "+15005550006";

interface TwilioCall {
  authorization: string | null;
  contentType: string | null;
  form: Record<string, string>;
}
const twilioCalls: TwilioCall[] = [];
/** Scripted answers per recipient number, used up in order; anyone else gets 201 and a Message. */
const twilioScript = new Map<string, { status: number; body: Record<string, unknown> }[]>();

/** A Message resource as the Messages API answers a create (201). */
function twilioMessage(form: Record<string, string>) {
  return {
    account_sid: SID,
    api_version: "2010-04-01",
    body: form.Body,
    date_created: new Date().toUTCString(),
    date_sent: null,
    date_updated: new Date().toUTCString(),
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: form.From,
    messaging_service_sid: null,
    num_media: "0",
    num_segments: "1",
    price: null,
    price_unit: "USD",
    sid: `SM${crypto.randomUUID().replaceAll("-", "")}`,
    status: "queued",
    subresource_uris: { media: `/2010-04-01/Accounts/${SID}/Messages/SMx/Media.json` },
    to: form.To,
    uri: `/2010-04-01/Accounts/${SID}/Messages/SMx.json`,
  };
}

/** Twilio's error body (REST API errors: code, message, more_info, status). */
const twilioError = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

const msw = mockThirdParties(
  http.post(`https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`, async ({ request }) => {
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    twilioCalls.push({
      authorization: request.headers.get("authorization"),
      contentType: request.headers.get("content-type"),
      form,
    });
    const next = twilioScript.get(form.To ?? "")?.shift();
    if (next) return HttpResponse.json(next.body, { status: next.status });
    return HttpResponse.json(twilioMessage(form), { status: 201 });
  }),
);

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let push: PushEndpoint;
let stub: ReturnType<typeof startDirectoryStub>;
let svc: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof notificationsService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer, push] = await Promise.all([startNats(), startRedis(), startTestIssuer(), startPushEndpoint()]);
  stub = startDirectoryStub();
  svc = await startTestService(notificationsService, {
    service: "notifications",
    nats,
    redis,
    issuer,
    env: {
      SHOP_NAME: "Acme",
      STOREFRONT_URL: "https://shop.example",
      EMAIL_POLL_MS: "100",
      EMAIL_RETRY_BASE_MS: "50",
      EMAIL_MAX_ATTEMPTS: "3",
      ORDERS_URL: stub.url,
      IDENTITY_URL: stub.url,
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_FROM: FROM,
      VAPID_SUBJECT: "mailto:ops@acme.test",
    },
  });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  stub?.stop();
  push?.stop();
  msw.close();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

async function publish<E extends EventDefinition>(def: E, data: z.input<E["data"]>, key: string) {
  const event = createEvent(def, data, { key });
  await svc.deps.bus.publishRaw(event.type, JSON.stringify(event), event.id);
  return event;
}

async function drained(...domains: string[]) {
  for (const d of domains) await waitFor(`the ${d} consumer to drain`, () => consumerIdle(svc.deps.bus, d));
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

async function trpcError(p: Promise<unknown>): Promise<TRPCClientError<NotificationsRouter>> {
  try {
    await p;
  } catch (err) {
    return err as TRPCClientError<NotificationsRouter>;
  }
  throw new Error("expected the call to fail");
}

const address = { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" };
const lines = [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 1, unitPrice: 1999 }];
const totals = { currency: "EUR" as const, subtotal: 1999, discount: 0, shipping: 495, tax: 0, total: 2494 };

function prefs(
  userId: string,
  phone: string | null,
  channels: z.input<typeof UserPreferencesChanged.data>["channels"],
  updatedAt = new Date().toISOString(),
) {
  return publish(
    UserPreferencesChanged,
    {
      userId,
      marketingConsent: false,
      marketingConsentAt: null,
      regionId: null,
      language: "en",
      channels,
      phone,
      updatedAt,
    },
    userId,
  );
}

/** An order of `userId` placed and paid (the paid event is its order-confirmation). */
async function order(orderId: string, userId: string) {
  const email = `${userId}@acme.test`;
  const ref = { orderId, number: `M-${orderId}`, userId, email, lines, totals, discountCode: null };
  await publish(OrderPlacedEvent, { ...ref, cartId: null, shippingAddress: address }, orderId);
  await publish(OrderPaidEvent, { ...ref, shippingAddress: address }, orderId);
  await drained("orders");
  return email;
}

function shipped(orderId: string, email: string) {
  return publish(
    OrderShippedEvent,
    { orderId, number: `M-${orderId}`, email, carrier: "DHL", trackingNumber: `TN-${orderId}` },
    orderId,
  );
}

function rowsOf(eventId: string, channel?: "email" | "sms" | "push") {
  return svc.deps.db.orm
    .select()
    .from(messages)
    .where(channel ? and(eq(messages.eventId, eventId), eq(messages.channel, channel)) : eq(messages.eventId, eventId));
}

/** The event's messages once none is pending any more. */
function settled(eventId: string, count: number) {
  return waitFor(
    `${count} settled message(s) of ${eventId}`,
    async () => {
      const rows = await rowsOf(eventId);
      return rows.length === count && rows.every((r) => r.status !== "pending") && rows;
    },
    15_000,
  );
}

/** Subscribes a new browser (the harness's keys) for the user behind `sub`. */
async function subscribe(sub: string) {
  const browser = push.subscription();
  const token = await issuer.sign({ sub, email: `${sub}@acme.test` });
  const { id } = await client(token).notifications.push.subscribe.mutate(browser);
  return { browser, id };
}

const twilioTo = (phone: string) => twilioCalls.filter((c) => c.form.To === phone);

describe("SMS and web push through the outbox (#22)", () => {
  test("an order shipped: an SMS through Twilio and a decrypted push for the customer who chose them; an email-only customer gets neither", async () => {
    const phone = "+4915112340001";
    await prefs("u-mobile", phone, { shipping_updates: ["sms", "push"], order_updates: ["email", "push"] });
    await prefs("u-email", "+4915112340002", { shipping_updates: ["email"], order_updates: ["email"] });
    await drained("identity");
    const mobile = await subscribe("u-mobile");
    const emailOnly = await subscribe("u-email");

    const mobileEmail = await order("o-mobile", "u-mobile");
    const emailOnlyEmail = await order("o-email", "u-email");
    const shipMobile = await shipped("o-mobile", mobileEmail);
    const shipEmail = await shipped("o-email", emailOnlyEmail);

    // The customer who chose SMS and push: no shipping email, one SMS, one push; all sent.
    const rows = await settled(shipMobile.id, 2);
    expect(rows.map((r) => r.channel).sort()).toEqual(["push", "sms"]);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const sms = rows.find((r) => r.channel === "sms");
    expect(sms?.to).toBe(phone);
    expect(sms?.providerId).toStartWith("SM");

    const [call] = twilioTo(phone);
    expect(call?.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
    expect(call?.contentType).toContain("application/x-www-form-urlencoded");
    expect(call?.form.From).toBe(FROM);
    expect(call?.form.Body).toBe("Acme: Order M-o-mobile is on its way https://shop.example/account/orders/o-mobile");

    // The push, as the browser decrypts it: the paid order (order_updates) and the shipment.
    const pushed = await waitFor("two pushes to the mobile customer", async () => {
      const got = push.receivedBy(mobile.browser.endpoint);
      return got.length === 2 && got;
    });
    const payloads = pushed.map((p) => JSON.parse(p.payload) as PushPayload);
    expect(payloads.map((p) => p.title)).toEqual([
      "Acme order M-o-mobile is confirmed",
      "Order M-o-mobile is on its way",
    ]);
    expect(payloads[1]).toMatchObject({
      body: "Your parcel is on its way.",
      url: "https://shop.example/account/orders/o-mobile",
    });
    expect(payloads[1]?.tag).toBe(rows.find((r) => r.channel === "push")?.id ?? "");
    expect(pushed[0]?.vapidKey).toBe(svc.deps.channels.push?.publicKey ?? "");
    expect(pushed[0]?.claims).toMatchObject({ aud: push.origin, sub: "mailto:ops@acme.test" });
    expect(push.rejected).toEqual([]);

    // The email-only customer: the shipping email, nothing else, though a number and a browser are on file.
    const emailRows = await settled(shipEmail.id, 1);
    expect(emailRows[0]).toMatchObject({ channel: "email", to: emailOnlyEmail, status: "sent" });
    expect(twilioTo("+4915112340002")).toEqual([]);
    expect(push.receivedBy(emailOnly.browser.endpoint)).toEqual([]);

    // The dev mailbox lists every channel, and filters by one.
    const mailbox = client();
    const smsPage = await mailbox.notifications.mailbox.list.query({ channel: "sms", to: phone });
    expect(smsPage.items.map((m) => [m.channel, m.template])).toEqual([["sms", "order-shipped"]]);
    const pushMessage = await mailbox.notifications.mailbox.byId.query({
      id: rows.find((r) => r.channel === "push")?.id ?? "",
    });
    expect(pushMessage).toMatchObject({ channel: "push", url: "https://shop.example/account/orders/o-mobile" });
  });

  test("Twilio 5xx is retried, then dead-lettered; a 4xx fails at once with Twilio's code", async () => {
    const flaky = "+4915112340011";
    const down = "+4915112340012";
    const invalid = "+4915112340013";
    twilioScript.set(flaky, [twilioError(503, 20503, "Service Unavailable")]);
    twilioScript.set(
      down,
      [1, 2, 3].map(() => twilioError(500, 20500, "Internal Server Error")),
    );
    twilioScript.set(invalid, [twilioError(400, 21211, `The 'To' number ${invalid} is not a valid phone number.`)]);
    const users = [
      ["u-flaky", flaky],
      ["u-down", down],
      ["u-invalid", invalid],
    ] as const;
    for (const [u, p] of users) await prefs(u, p, { shipping_updates: ["sms"] });
    await drained("identity");
    const results = [];
    for (const [u] of users) {
      const email = await order(`o-${u}`, u);
      results.push(await shipped(`o-${u}`, email));
    }
    const [flakyRow, downRow, invalidRow] = await Promise.all(results.map(async (e) => (await settled(e.id, 1))[0]));
    expect(flakyRow).toMatchObject({ channel: "sms", status: "sent", attempts: 2 });
    expect(twilioTo(flaky)).toHaveLength(2);
    // Dead-lettered like email: failed after EMAIL_MAX_ATTEMPTS, Twilio's words kept.
    expect(downRow).toMatchObject({ status: "failed", attempts: 3, lastError: "twilio 20500: Internal Server Error" });
    expect(twilioTo(down)).toHaveLength(3);
    expect(invalidRow).toMatchObject({ status: "failed", attempts: 1 });
    expect(invalidRow?.lastError).toContain("twilio 21211");
    expect(twilioTo(invalid)).toHaveLength(1);
    // The admin's failed list holds SMS too, and a retry puts it back in the same queue.
    const admin = client(await issuer.sign({ sub: "a1", email: "admin@acme.test", role: "admin" }));
    const failed = await admin.notifications.admin.failed.query();
    expect(failed.map((f) => f.id)).toContain(downRow?.id ?? "");
    await admin.notifications.admin.retry.mutate({ id: downRow?.id ?? "" });
    await waitFor("the retried SMS to be sent", async () => {
      const [row] = await svc.deps.db.orm
        .select()
        .from(messages)
        .where(eq(messages.id, downRow?.id ?? ""));
      return row?.status === "sent" && row;
    });
  });

  test("a push service's 410 removes the subscription; its 5xx is retried, then dead-lettered", async () => {
    await prefs("u-gone", null, { shipping_updates: ["push"] });
    await prefs("u-busy", null, { shipping_updates: ["push"] });
    await drained("identity");
    const gone = await subscribe("u-gone");
    const busy = await subscribe("u-busy");
    push.answerNext(gone.browser.endpoint, 410);
    push.answerNext(busy.browser.endpoint, 503, 503, 503);
    const goneShip = await shipped("o-gone", await order("o-gone", "u-gone"));
    const busyShip = await shipped("o-busy", await order("o-busy", "u-busy"));

    const [goneRow] = await settled(goneShip.id, 1);
    expect(goneRow).toMatchObject({ channel: "push", status: "failed", attempts: 1 });
    expect(goneRow?.lastError).toContain("410");
    const left = await svc.deps.db.orm.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, gone.id));
    expect(left).toEqual([]);

    const [busyRow] = await settled(busyShip.id, 1);
    expect(busyRow).toMatchObject({ channel: "push", status: "failed", attempts: 3 });
    expect(push.receivedBy(busy.browser.endpoint).map((r) => r.status)).toEqual([503, 503, 503]);
    // A 5xx says nothing about the subscription: it stays.
    const kept = await svc.deps.db.orm.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, busy.id));
    expect(kept).toHaveLength(1);
  });

  test("an opt-out word with a valid signature stops SMS, START resumes them; a bad signature is 403", async () => {
    const phone = "+4915112340021";
    await prefs("u-stop", phone, { shipping_updates: ["email", "sms"] });
    await drained("identity");
    const url = `${svc.url}/webhooks/twilio/sms`;
    const inbound = (body: string, signature?: string) => {
      const params = {
        MessageSid: `SM${crypto.randomUUID().replaceAll("-", "")}`,
        AccountSid: SID,
        From: phone,
        To: FROM,
        Body: body,
      };
      return fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature ?? twilioSignature(TOKEN, url, params),
        },
        body: new URLSearchParams(params),
      });
    };

    const forged = await inbound("STOP", twilioSignature("not-the-token", url, { Body: "STOP" }));
    expect(forged.status).toBe(403);
    const unsigned = await fetch(url, { method: "POST", body: new URLSearchParams({ From: phone, Body: "STOP" }) });
    expect(unsigned.status).toBe(403);
    expect(await svc.deps.db.orm.select().from(smsOptOuts).where(eq(smsOptOuts.phone, phone))).toEqual([]);

    const stop = await inbound(" stop ");
    expect(stop.status).toBe(200);
    expect(stop.headers.get("content-type")).toContain("text/xml");
    expect(await stop.text()).toContain("<Response></Response>");
    const [optOut] = await svc.deps.db.orm.select().from(smsOptOuts).where(eq(smsOptOuts.phone, phone));
    expect(optOut?.word).toBe("STOP");

    const email = await order("o-stop", "u-stop");
    const first = await shipped("o-stop", email);
    const stopped = await settled(first.id, 1);
    expect(stopped.map((r) => r.channel)).toEqual(["email"]);
    expect(twilioTo(phone)).toEqual([]);

    expect((await inbound("START")).status).toBe(200);
    const again = await publish(
      OrderShipmentShippedEvent,
      {
        orderId: "o-stop",
        number: "M-o-stop",
        email,
        shipmentId: "sh-2",
        carrier: "DHL",
        trackingNumber: "TN-2",
        trackingUrl: null,
        shippingMethod: null,
        lines: [{ sku: "TEE-M", quantity: 1 }],
        exchangeReturnId: null,
        complete: true,
      },
      "o-stop",
    );
    const resumed = await settled(again.id, 2);
    expect(resumed.map((r) => r.channel).sort()).toEqual(["email", "sms"]);
    expect(twilioTo(phone)).toHaveLength(1);
  });

  test("a password reset by SMS when chosen: Twilio gets the link, the stored text keeps it redacted", async () => {
    const phone = "+4915112340031";
    await prefs("u-reset", phone, { account: ["email", "sms"] });
    await drained("identity");
    const resetUrl = "https://shop.example/reset?token=sms-secret-token";
    stub.state.links.set("link-reset-sms-000001", { kind: "password_reset", userId: "u-reset", url: resetUrl });
    const e = await publish(
      PasswordResetRequested,
      {
        userId: "u-reset",
        email: "reset@acme.test",
        name: "Ada",
        linkId: "link-reset-sms-000001",
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      "u-reset",
    );
    const rows = await settled(e.id, 2);
    const sms = rows.find((r) => r.channel === "sms");
    expect(sms).toMatchObject({ to: phone, status: "sent", secretUrl: null });
    expect(sms?.text).toContain(REDACTED_LINK);
    expect(sms?.text).not.toContain("sms-secret-token");
    expect(twilioTo(phone)[0]?.form.Body).toContain(resetUrl);
  });
});

describe("the push subscription API", () => {
  test("the VAPID key is public; subscribing needs a signed-in shopper; bad keys are a 400 naming the field", async () => {
    const { publicKey } = await client().notifications.push.vapidPublicKey.query();
    expect(Buffer.from(publicKey, "base64url")).toHaveLength(65);

    const browser = push.subscription();
    const anonymous = await trpcError(client().notifications.push.subscribe.mutate(browser));
    expect(anonymous.data?.code).toBe("UNAUTHORIZED");

    const token = await issuer.sign({ sub: "u-api", email: "api@acme.test" });
    const bad = await trpcError(
      client(token).notifications.push.subscribe.mutate({ ...browser, keys: { ...browser.keys, p256dh: "short" } }),
    );
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("p256dh");
    expect((bad.data as { field?: string } | undefined)?.field).toBe("keys.p256dh");
    const notHttps = await trpcError(
      client(token).notifications.push.subscribe.mutate({ ...browser, endpoint: "http://push.example/x" }),
    );
    expect(notHttps.data?.code).toBe("BAD_REQUEST");
    expect((notHttps.data as { field?: string } | undefined)?.field).toBe("endpoint");
    expect(await svc.deps.db.orm.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, "u-api"))).toEqual(
      [],
    );

    // Subscribing again (the same browser) keeps one row; unsubscribing needs the auth secret too.
    const first = await client(token).notifications.push.subscribe.mutate(browser);
    const second = await client(token).notifications.push.subscribe.mutate(browser);
    expect(second.id).toBe(first.id);
    const wrong = await client().notifications.push.unsubscribe.mutate({
      endpoint: browser.endpoint,
      auth: push.subscription().keys.auth,
    });
    expect(wrong.removed).toBe(false);
    const right = await client().notifications.push.unsubscribe.mutate({
      endpoint: browser.endpoint,
      auth: browser.keys.auth,
    });
    expect(right.removed).toBe(true);
  });
});
