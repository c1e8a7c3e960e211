import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  createEvent,
  type EventDefinition,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderShippedEvent,
  PasswordResetRequested,
  PaymentFailed,
  UserDeleted,
  UserPreferencesChanged,
  UserRegistered,
} from "@mercato/events";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
  testServiceSigner,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { and, eq, sql } from "drizzle-orm";
import superjson from "superjson";
import type { z } from "zod";
import { exportedMessageSchema } from "../src/contract.ts";
import { deferredEvents, deletedUsers, messages, orderUsers, preferences } from "../src/db/schema.ts";
import type { NotificationsRouter } from "../src/index.ts";
import { notificationsService } from "../src/service.ts";
import { consumerIdle, startDirectoryStub, waitFor } from "./support.ts";

/**
 * #20 over real parts: NATS JetStream, the real service with its own libSQL file, identity's and
 * orders' lookups over HTTP (stub). Preferences change which emails are recorded; a deleted account
 * leaves no row holding its address; identity's export reads the user's messages.
 */
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
    env: { EMAIL_POLL_MS: "100", ORDERS_URL: stub.url, IDENTITY_URL: stub.url, RECIPIENT_RETRY_BASE_MS: "60000" },
  });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  stub?.stop();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

async function publish<E extends EventDefinition>(def: E, data: z.input<E["data"]>, key: string) {
  const event = createEvent(def, data, { key });
  await svc.deps.bus.publishRaw(event.type, JSON.stringify(event), event.id);
  return event;
}

/** Waits until every event published so far on each domain has been handled. */
async function drained(...domains: string[]) {
  for (const d of domains) await waitFor(`the ${d} consumer to drain`, () => consumerIdle(svc.deps.bus, d));
}

function mailsTo(to: string, template?: string) {
  return svc.deps.db.orm
    .select()
    .from(messages)
    .where(template ? and(eq(messages.to, to), sql`${messages.template} = ${template}`) : eq(messages.to, to));
}

const address = { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" };
const lines = [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 1, unitPrice: 1999 }];
const totals = { currency: "EUR" as const, subtotal: 1999, discount: 0, shipping: 495, tax: 0, total: 2494 };

function placed(orderId: string, email: string, userId: string | null) {
  return publish(
    OrderPlacedEvent,
    {
      orderId,
      number: `M-${orderId}`,
      userId,
      email,
      cartId: null,
      lines,
      totals,
      discountCode: null,
      shippingAddress: address,
    },
    orderId,
  );
}

function paid(orderId: string, email: string, userId: string | null) {
  return publish(
    OrderPaidEvent,
    { orderId, number: `M-${orderId}`, userId, email, lines, totals, discountCode: null, shippingAddress: address },
    orderId,
  );
}

function shipped(orderId: string, email: string) {
  return publish(
    OrderShippedEvent,
    { orderId, number: `M-${orderId}`, email, carrier: "DHL", trackingNumber: `TN-${orderId}` },
    orderId,
  );
}

function prefs(userId: string, updatedAt: string, channels: z.input<typeof UserPreferencesChanged.data>["channels"]) {
  return publish(
    UserPreferencesChanged,
    { userId, marketingConsent: false, marketingConsentAt: null, regionId: null, language: "en", channels, updatedAt },
    userId,
  );
}

describe("preferences (identity.user.preferences_changed.v1)", () => {
  test("email off for shipping updates: the confirmation goes, the shipment email does not", async () => {
    await prefs("u-quiet", "2026-12-01T10:00:00.000Z", { shipping_updates: [] });
    await drained("identity");
    await placed("o-quiet", "quiet@shop.test", "u-quiet");
    await paid("o-quiet", "quiet@shop.test", "u-quiet");
    await shipped("o-quiet", "quiet@shop.test");
    await drained("orders");
    const rows = await mailsTo("quiet@shop.test");
    expect(rows.map((r) => r.template)).toEqual(["order-confirmation"]);
    expect(rows[0]?.userId).toBe("u-quiet");
  });

  test("a wish for SMS or push only is skipped: those channels do not exist yet, and no email is sent", async () => {
    await prefs("u-sms", "2026-12-01T10:00:00.000Z", { shipping_updates: ["sms", "push"] });
    await drained("identity");
    await placed("o-sms", "sms@shop.test", "u-sms");
    await shipped("o-sms", "sms@shop.test");
    await drained("orders");
    expect(await mailsTo("sms@shop.test")).toEqual([]);
  });

  test("order events that name only the order find its account through orders.placed (payment failed)", async () => {
    await prefs("u-noorders", "2026-12-01T10:00:00.000Z", { order_updates: [] });
    await drained("identity");
    await placed("o-noorders", "noorders@shop.test", "u-noorders");
    await drained("orders");
    stub.state.contacts.set("o-noorders", { email: "noorders@shop.test", number: "M-o-noorders" });
    await publish(
      PaymentFailed,
      { paymentId: "pay_nn", orderId: "o-noorders", provider: "test", code: "card_declined", reason: "declined" },
      "o-noorders",
    );
    await drained("payments");
    expect(await mailsTo("noorders@shop.test")).toEqual([]);
  });

  test("account emails always go, even with email turned off for account", async () => {
    await prefs("u-acct", "2026-12-01T10:00:00.000Z", { account: [], order_updates: [], shipping_updates: [] });
    await drained("identity");
    stub.state.links.set("link-acct-reset-0001", {
      kind: "password_reset",
      userId: "u-acct",
      url: "http://localhost:3000/account/reset-password?token=t",
    });
    await publish(
      PasswordResetRequested,
      {
        userId: "u-acct",
        email: "acct@shop.test",
        name: "Acct",
        linkId: "link-acct-reset-0001",
        expiresAt: "2026-12-01T12:00:00.000Z",
      },
      "u-acct",
    );
    const rows = await waitFor("the reset email", async () => {
      const r = await mailsTo("acct@shop.test", "password-reset");
      return r.length > 0 && r;
    });
    expect(rows[0]?.userId).toBe("u-acct");
  });

  test("guests get the defaults; a user who never chose gets the defaults", async () => {
    await placed("o-guest", "guest@shop.test", null);
    await shipped("o-guest", "guest@shop.test");
    await placed("o-fresh", "fresh@shop.test", "u-fresh");
    await shipped("o-fresh", "fresh@shop.test");
    await drained("orders");
    const [guest] = await mailsTo("guest@shop.test", "order-shipped");
    const [fresh] = await mailsTo("fresh@shop.test", "order-shipped");
    expect(guest?.userId).toBeNull();
    expect(fresh?.userId).toBe("u-fresh");
  });

  test("the latest by updatedAt wins, whatever order the events arrive in", async () => {
    await prefs("u-late", "2026-12-01T12:00:00.000Z", { shipping_updates: [] });
    await prefs("u-late", "2026-12-01T11:00:00.000Z", { shipping_updates: ["email"] });
    await drained("identity");
    const [row] = await svc.deps.db.orm.select().from(preferences).where(eq(preferences.userId, "u-late"));
    expect(row?.channels).toEqual({ shipping_updates: [] });
    expect(row?.updatedAt.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    await prefs("u-late", "2026-12-01T13:00:00.000Z", { shipping_updates: ["email"] });
    await drained("identity");
    await placed("o-late", "late@shop.test", "u-late");
    await shipped("o-late", "late@shop.test");
    await drained("orders");
    expect(await mailsTo("late@shop.test", "order-shipped")).toHaveLength(1);
  });
});

function internalClient(caller?: string) {
  return createTRPCClient<NotificationsRouter>({
    links: [
      httpBatchLink({
        url: `${svc.url}/trpc`,
        transformer: superjson,
        headers: async () => (caller ? { "x-service-token": await testServiceSigner(caller)("notifications") } : {}),
      }),
    ],
  });
}

/** Every row of every table of the service's database, as text. */
async function everyRow(): Promise<string> {
  const tables = await svc.deps.db.orm.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
  );
  const dumps: string[] = [];
  for (const { name } of tables) {
    const rows = await svc.deps.db.orm.all(sql.raw(`select * from "${name}"`));
    dumps.push(`${name}: ${JSON.stringify(rows)}`);
  }
  return dumps.join("\n");
}

describe("account deletion (identity.user.deleted.v1) and the data export", () => {
  const email = "Leaver@Shop.test";

  test("the export lists the user's messages by id and address, for identity only", async () => {
    await publish(UserRegistered, { userId: "u-leaver", email, name: "Lee" }, "u-leaver");
    await placed("o-leaver", email, "u-leaver");
    await paid("o-leaver", email, "u-leaver");
    // A guest order with the same address (lower case): no user id, found by the address.
    await placed("o-leaver-guest", "leaver@shop.test", null);
    await shipped("o-leaver-guest", "leaver@shop.test");
    await prefs("u-leaver", "2026-12-01T10:00:00.000Z", { shipping_updates: ["email"] });
    await publish(UserRegistered, { userId: "u-stayer", email: "stayer@shop.test", name: "Stay" }, "u-stayer");
    await drained("identity", "orders");

    const exported = await internalClient("identity").notifications.internal.messagesFor.query({
      userId: "u-leaver",
      email: "leaver@shop.test",
    });
    expect(exported.map((m) => m.template).sort()).toEqual(["order-confirmation", "order-shipped", "welcome"]);
    for (const m of exported) expect(exportedMessageSchema.parse(m)).toEqual(m);

    const asOrders = internalClient("orders").notifications.internal.messagesFor.query({ userId: "u-leaver", email });
    await expect(asOrders).rejects.toMatchObject({ data: { code: "FORBIDDEN", field: "caller" } });
    const anonymous = internalClient().notifications.internal.messagesFor.query({ userId: "u-leaver", email });
    await expect(anonymous).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
    const bad = internalClient("identity").notifications.internal.messagesFor.query({ userId: "u", email: "nope" });
    await expect(bad).rejects.toMatchObject({ data: { code: "BAD_REQUEST", field: "email" } });
  });

  test("purges the mailbox of the user's messages and forgets their preferences; no row holds the address", async () => {
    // A payment failure waiting for orders to answer: its parked event names the user's order.
    stub.state.ordersUp = false;
    await publish(
      PaymentFailed,
      { paymentId: "pay_lv", orderId: "o-leaver", provider: "test", code: "card_declined", reason: "declined" },
      "o-leaver",
    );
    await drained("payments");
    expect(await svc.deps.db.orm.select().from(deferredEvents)).toHaveLength(1);
    stub.state.ordersUp = true;

    expect((await everyRow()).toLowerCase()).toContain("leaver@shop.test");
    const deleted = createEvent(
      UserDeleted,
      { userId: "u-leaver", email, deletedAt: "2026-12-01T14:00:00.000Z" },
      { key: "u-leaver" },
    );
    await svc.deps.bus.publishRaw(deleted.type, JSON.stringify(deleted), deleted.id);
    // The same event again (another message id, as a redelivery after a crash would be): nothing more.
    await svc.deps.bus.publishRaw(deleted.type, JSON.stringify(deleted), `${deleted.id}:again`);
    await drained("identity");

    const dump = (await everyRow()).toLowerCase();
    expect(dump).not.toContain("leaver@shop.test");
    expect(await svc.deps.db.orm.select().from(messages).where(eq(messages.userId, "u-leaver"))).toEqual([]);
    expect(await svc.deps.db.orm.select().from(preferences).where(eq(preferences.userId, "u-leaver"))).toEqual([]);
    expect(await svc.deps.db.orm.select().from(deferredEvents)).toEqual([]);
    expect(await svc.deps.db.orm.select().from(deletedUsers)).toEqual([
      { userId: "u-leaver", deletedAt: new Date("2026-12-01T14:00:00.000Z") },
    ]);
    // Ids only are kept: which orders were theirs, so late events about them record nothing.
    expect(await svc.deps.db.orm.select().from(orderUsers).where(eq(orderUsers.userId, "u-leaver"))).toEqual([
      { orderId: "o-leaver", userId: "u-leaver" },
    ]);
    // Others keep theirs.
    expect(await mailsTo("stayer@shop.test", "welcome")).toHaveLength(1);
    const exported = await internalClient("identity").notifications.internal.messagesFor.query({
      userId: "u-leaver",
      email,
    });
    expect(exported).toEqual([]);
  });

  test("late events about a deleted user or their order record nothing", async () => {
    await shipped("o-leaver", email);
    await prefs("u-leaver", "2026-12-01T15:00:00.000Z", {});
    await drained("identity", "orders");
    expect((await everyRow()).toLowerCase()).not.toContain("leaver@shop.test");
    expect(await svc.deps.db.orm.select().from(preferences).where(eq(preferences.userId, "u-leaver"))).toEqual([]);
  });
});
