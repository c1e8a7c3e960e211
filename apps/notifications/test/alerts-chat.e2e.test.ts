import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  AlertSent,
  createEvent,
  EventBus,
  type EventDefinition,
  OrderPaidEvent,
  OrderPlacedEvent,
  PaymentFailed,
} from "@mercato/events";
import { DEMO_USERS } from "@mercato/identity/demo";
import { createLogger } from "@mercato/kit";
import type { ServiceName } from "@mercato/registry";
import {
  clientFor,
  eventually,
  failure,
  type InProcessService,
  type ServiceClient,
  startPlatform,
  type TestPlatform,
  type TestUser,
} from "@mercato/testing";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { SUPPORT_MESSAGE_MAX } from "../src/contract.ts";
import { alerts, messages, supportMessages } from "../src/db/schema.ts";
import type { NotificationsDeps } from "../src/deps.ts";

/**
 * Live staff alerts and the support chat (#22) over real processes: identity (real sign-in, the
 * demo staff of every role), catalog and inventory (demo stock) as processes, notifications in
 * this process (its database is read to check what was stored), and every call through the
 * gateway as the web makes it. Events the platform would publish from services that do not run
 * here (payments' failures, orders' placed orders) come from the harness's own NATS user.
 */
let p: TestPlatform<"identity" | "catalog" | "inventory" | "notifications", "notifications">;
let notifications: InProcessService<NotificationsDeps>;
let bus: EventBus;
let gatewayUrl: string;
const users: Record<string, TestUser> = {};

function demo(role: string) {
  const u = DEMO_USERS.find((d) => d.role === role);
  if (!u) throw new Error(`no demo ${role}`);
  return u;
}

/** A typed client of one service through the gateway, as a user. */
function gw<N extends ServiceName>(_service: N, user?: TestUser): ServiceClient<N> {
  return clientFor(gatewayUrl, user ? { token: user.getToken } : {}) as unknown as ServiceClient<N>;
}

beforeAll(async () => {
  p = await startPlatform({
    services: ["identity", "catalog", "inventory", "notifications"],
    inProcess: ["notifications"],
    gateway: true,
    seedDemo: ["identity", "catalog", "inventory"],
    env: {
      notifications: {
        ALERT_PAYMENT_FAILURES: "3",
        ALERT_PAYMENT_FAILURE_WINDOW_SECONDS: "600",
        ALERT_STUCK_ORDER_SECONDS: "1",
        ALERT_STUCK_CHECK_MS: "200",
        SUPPORT_RATE_LIMIT: "5",
        SUPPORT_RATE_WINDOW_SECONDS: "60",
        SUPPORT_AWAY_EMAIL_SECONDS: "1",
        SUPPORT_AWAY_CHECK_MS: "200",
        EMAIL_POLL_MS: "100",
      },
    },
  });
  notifications = p.inProcess.notifications as InProcessService<NotificationsDeps>;
  gatewayUrl = p.gateway?.url ?? "";
  bus = await EventBus.connect(p.nats.url, "test", createLogger("alerts-test", "silent"));
  for (const role of ["superadmin", "catalog_editor", "support", "customer"]) {
    const u = demo(role);
    users[role] = await p.signIn({ email: u.email, password: u.password });
  }
}, 120_000);

afterAll(async () => {
  await bus?.close();
  await p?.dispose();
});

async function publish<E extends EventDefinition>(def: E, data: z.input<E["data"]>, key: string) {
  const event = createEvent(def, data, { key });
  await bus.publishRaw(event.type, JSON.stringify(event), event.id);
  return event;
}

const address = { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" };
const lines = [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 1, unitPrice: 1999 }];
const totals = { currency: "EUR" as const, subtotal: 1999, discount: 0, shipping: 495, tax: 0, total: 2494 };

function placed(orderId: string, userId: string | null, email: string) {
  return publish(
    OrderPlacedEvent,
    {
      orderId,
      number: `M-${orderId.slice(-4)}`,
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

async function alertsOf(kind: string) {
  return notifications.deps.db.orm
    .select()
    .from(alerts)
    .where(eq(alerts.kind, kind as never));
}

describe("live staff alerts", () => {
  test("stock dropping to a SKU's threshold: one alert stored, published, and pushed live to staff", async () => {
    const admin = users.superadmin!;
    const inventory = gw("inventory", admin).inventory;
    const page = await inventory.admin.list.query({ limit: 50 });
    const level = page.items.find((l) => l.available >= 6);
    if (!level) throw new Error("the demo stock has no SKU with 6 or more available");
    const sku = level.sku;

    // The threshold is set per SKU in the admin (bounded; refusals name the field).
    const bad = await failure(inventory.admin.setLowStockThreshold.mutate({ sku, threshold: -1 }));
    expect(bad.data?.httpStatus).toBe(400);
    expect(bad.data?.field).toBe("threshold");
    const set = await inventory.admin.setLowStockThreshold.mutate({ sku, threshold: level.available - 2 });
    expect(set.lowStockThreshold).toBe(level.available - 2);
    expect(set.lowStock).toBe(false);
    const audit = await inventory.admin.audit.list.query({
      target: sku,
      action: "inventory.admin.setLowStockThreshold",
    });
    expect(audit.items[0]?.before).toMatchObject({ lowStockThreshold: level.lowStockThreshold });
    expect(audit.items[0]?.after).toMatchObject({ lowStockThreshold: level.available - 2 });

    // Staff listen live (SSE through the gateway) and on the bus, before the stock drops.
    const heard: { unread: number; alert: { kind: string; subject: string } | null }[] = [];
    const sub = gw("notifications", admin).notifications.alerts.onAlert.subscribe(undefined, {
      onData: (item) => heard.push(item),
    });
    const published: string[] = [];
    const nc = bus.nc.subscribe(AlertSent.type, {
      callback: (_err, msg) => {
        const data = (msg.json() as { data: { kind: string; subject: string } }).data;
        if (data.kind === "low_stock" && data.subject === sku) published.push(msg.string());
      },
    });
    try {
      const first = await eventually(async () => heard[0]);
      await inventory.admin.adjust.mutate({ sku, kind: "correct", quantity: -2, reason: "count" });
      const live = await eventually(async () =>
        heard.find((h) => h.alert?.kind === "low_stock" && h.alert.subject === sku),
      );
      expect(live.unread).toBe(first.unread + 1);
      await eventually(async () => published.length === 1);
      // Still low after another sale: no new crossing, no new alert.
      await inventory.admin.adjust.mutate({ sku, kind: "correct", quantity: -1, reason: "count" });
      await Bun.sleep(1500);
      const stored = (await alertsOf("low_stock")).filter((a) => a.subject === sku);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.message).toContain(`threshold of ${level.available - 2}`);
      expect(published).toHaveLength(1);
    } finally {
      sub.unsubscribe();
      nc.unsubscribe();
    }
  }, 30_000);

  test("a spike of failed payments raises one alert per window", async () => {
    const fail = (n: number) =>
      publish(
        PaymentFailed,
        {
          paymentId: `pay_spike_${n}`,
          orderId: `ord_spike_${n}`,
          provider: "test",
          code: "card_declined",
          reason: "declined",
        },
        `ord_spike_${n}`,
      );
    await fail(1);
    await fail(2);
    await Bun.sleep(500);
    expect(await alertsOf("payment_failure_spike")).toHaveLength(0);
    await fail(3);
    const [spike] = await eventually(async () => {
      const found = await alertsOf("payment_failure_spike");
      return found.length > 0 ? found : undefined;
    });
    expect(spike?.message).toBe("3 payments failed within 10 min");
    await fail(4);
    await Bun.sleep(1000);
    expect(await alertsOf("payment_failure_spike")).toHaveLength(1);
  }, 30_000);

  test("an event a consumer gives up on (dead-lettered) becomes an alert", async () => {
    // A payments.failed.v1 that fails its schema is dead-lettered at once by notifications' consumer.
    const id = Bun.randomUUIDv7();
    const broken = {
      id,
      type: PaymentFailed.type,
      occurredAt: new Date().toISOString(),
      correlationId: id,
      data: { orderId: "x" },
    };
    await bus.publishRaw(PaymentFailed.type, JSON.stringify(broken), id);
    const [alert] = await eventually(async () => {
      const found = (await alertsOf("dead_lettered")).filter((a) => a.message.includes(id));
      return found.length > 0 ? found : undefined;
    });
    expect(alert?.subject).toBe("notifications: payments.failed.v1");
    expect(alert?.message).toContain("paymentId");
  }, 30_000);

  test("an order placed and neither paid nor cancelled is alerted as stuck, once; a paid one is not", async () => {
    await placed("ord_stuck_0001", null, "stuck@example.com");
    await placed("ord_moved_0002", null, "moved@example.com");
    await publish(
      OrderPaidEvent,
      {
        orderId: "ord_moved_0002",
        number: "M-0002",
        userId: null,
        email: "moved@example.com",
        lines,
        totals,
        discountCode: null,
        shippingAddress: address,
      },
      "ord_moved_0002",
    );
    const stuck = await eventually(async () => {
      const found = (await alertsOf("stuck_order")).filter((a) => a.subject === "ord_stuck_0001");
      return found.length > 0 ? found : undefined;
    });
    expect(stuck).toHaveLength(1);
    await Bun.sleep(800);
    const all = await alertsOf("stuck_order");
    expect(all.filter((a) => a.subject === "ord_stuck_0001")).toHaveLength(1);
    expect(all.filter((a) => a.subject === "ord_moved_0002")).toHaveLength(0);
  }, 30_000);

  test("acknowledging is for staff with alerts.read: who and when, audited; others get 403", async () => {
    const admin = gw("notifications", users.superadmin).notifications;
    const page = await admin.alerts.list.query({ unreadOnly: true });
    expect(page.unread).toBeGreaterThanOrEqual(3);
    const first = page.items[0];
    if (!first) throw new Error("no unread alert");

    for (const role of ["customer", "catalog_editor", "support"]) {
      const other = gw("notifications", users[role]).notifications;
      const listed = await failure(other.alerts.list.query({}));
      expect(listed.data?.httpStatus).toBe(403);
      expect(listed.data?.field).toBe("permission");
      const acked = await failure(other.alerts.acknowledge.mutate({ id: first.id }));
      expect(acked.data?.httpStatus).toBe(403);
      expect((await failure(other.alerts.acknowledgeAll.mutate())).data?.httpStatus).toBe(403);
    }
    // Anonymous: 401.
    expect((await failure(gw("notifications").notifications.alerts.list.query({}))).data?.httpStatus).toBe(401);

    const one = await admin.alerts.acknowledge.mutate({ id: first.id });
    expect(one).toEqual({ acknowledged: 1, unread: page.unread - 1 });
    const again = await admin.alerts.acknowledge.mutate({ id: first.id });
    expect(again.acknowledged).toBe(0);
    const [row] = await notifications.deps.db.orm.select().from(alerts).where(eq(alerts.id, first.id));
    expect(row?.acknowledgedByEmail).toBe(demo("superadmin").email);
    expect(row?.acknowledgedAt).toBeInstanceOf(Date);
    const missing = await failure(admin.alerts.acknowledge.mutate({ id: "no-such-alert" }));
    expect(missing.data?.httpStatus).toBe(404);
    expect(missing.data?.field).toBe("id");

    const all = await admin.alerts.acknowledgeAll.mutate();
    expect(all.unread).toBe(0);
    expect(all.acknowledged).toBe(page.unread - 1);
    const audit = await admin.admin.audit.list.query({ action: "notifications.alerts.*" });
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      "notifications.alerts.acknowledge",
      "notifications.alerts.acknowledgeAll",
    ]);
    expect(audit.items.find((e) => e.action === "notifications.alerts.acknowledge")?.targetId).toBe(first.id);
  }, 30_000);
});

describe("support chat", () => {
  let alice: TestUser;
  let bob: TestUser;
  const aliceOrder = "ord_chat_alice";

  beforeAll(async () => {
    alice = await p.signUp({ name: "Alice" });
    bob = await p.signUp({ name: "Bob" });
    // Notifications learns whose order it is from orders.placed (as it does for its emails).
    await placed(aliceOrder, alice.user.id, alice.email);
    await eventually(async () => {
      const { orderUsers } = await import("../src/db/schema.ts");
      const [row] = await notifications.deps.db.orm.select().from(orderUsers).where(eq(orderUsers.orderId, aliceOrder));
      return row;
    });
  }, 30_000);

  test("bounds: an empty or over-long body is a 400 naming body, and nothing is stored", async () => {
    const shop = gw("notifications", alice).notifications.support;
    for (const body of ["   ", "x".repeat(SUPPORT_MESSAGE_MAX + 1)]) {
      const err = await failure(shop.send.mutate({ orderId: aliceOrder, body }));
      expect(err.data?.httpStatus).toBe(400);
      expect(err.data?.field).toBe("body");
    }
    expect(await shop.mine.query({ orderId: aliceOrder })).toBeNull();
  });

  test("a round trip, live on both sides; markup stays text; the shopper who was there gets no email", async () => {
    const shop = gw("notifications", alice).notifications.support;
    const staff = gw("notifications", users.support).notifications.support.admin;
    const first = await shop.send.mutate({
      orderId: aliceOrder,
      body: "Where is my <b>parcel</b>?\r\n<script>x()</script>",
    });
    expect(first.body).toBe("Where is my <b>parcel</b>?\n<script>x()</script>");
    const conversationId = first.conversationId;

    const shopperHeard: { author: string; body: string }[] = [];
    const staffHeard: { author: string; body: string; conversationId: string }[] = [];
    const s1 = shop.onMessage.subscribe({ conversationId }, { onData: (m) => shopperHeard.push(m) });
    const s2 = staff.onInbox.subscribe(undefined, { onData: (m) => staffHeard.push(m) });
    try {
      // Streams are open once a message sent now reaches them; probe until it does.
      await Bun.sleep(500);
      const inbox = await staff.inbox.query({});
      expect(inbox.items.find((i) => i.id === conversationId)).toMatchObject({
        email: alice.email,
        lastAuthor: "shopper",
      });
      await staff.reply.mutate({ conversationId, body: "It left today." });
      await eventually(async () => shopperHeard.find((m) => m.author === "staff" && m.body === "It left today."));
      await shop.send.mutate({ orderId: aliceOrder, body: "Thanks!" });
      await eventually(async () => staffHeard.find((m) => m.conversationId === conversationId && m.body === "Thanks!"));
      const read = await shop.conversation.query({ conversationId });
      expect(read.messages.map((m) => [m.author, m.body])).toEqual([
        ["shopper", "Where is my <b>parcel</b>?\n<script>x()</script>"],
        ["staff", "It left today."],
        ["shopper", "Thanks!"],
      ]);
      // The answer was seen live: past the away delay, no email.
      await Bun.sleep(1500);
      const mailed = await notifications.deps.db.orm
        .select()
        .from(messages)
        .where(and(eq(messages.to, alice.email), eq(messages.template, "support-reply")));
      expect(mailed).toHaveLength(0);
    } finally {
      s1.unsubscribe();
      s2.unsubscribe();
    }
  }, 30_000);

  test("a shopper cannot read, follow or write into another's conversation (IDOR)", async () => {
    const mine = await gw("notifications", alice).notifications.support.mine.query({ orderId: aliceOrder });
    if (!mine) throw new Error("alice has no conversation");
    const spy = gw("notifications", bob).notifications.support;
    const read = await failure(spy.conversation.query({ conversationId: mine.id }));
    expect(read.data?.httpStatus).toBe(404);
    expect(read.data?.field).toBe("conversationId");
    const write = await failure(spy.send.mutate({ orderId: aliceOrder, body: "hello" }));
    expect(write.data?.httpStatus).toBe(404);
    expect(write.data?.field).toBe("orderId");
    expect(await spy.mine.query({ orderId: aliceOrder })).toBeNull();
    const followed = await new Promise<number | undefined>((resolve) => {
      const sub = spy.onMessage.subscribe(
        { conversationId: mine.id },
        {
          onData: () => resolve(200),
          onError: (err) => resolve((err as { data?: { httpStatus?: number } }).data?.httpStatus),
        },
      );
      setTimeout(() => {
        sub.unsubscribe();
        resolve(undefined);
      }, 5000);
    });
    expect(followed).toBe(404);
    // Nothing of Bob's reached Alice's conversation.
    const rows = await notifications.deps.db.orm
      .select()
      .from(supportMessages)
      .where(eq(supportMessages.conversationId, mine.id));
    expect(rows.every((r) => r.authorId !== bob.user.id)).toBe(true);
  }, 30_000);

  test("the inbox is for support staff only", async () => {
    for (const role of ["customer", "catalog_editor"]) {
      const err = await failure(gw("notifications", users[role]).notifications.support.admin.inbox.query({}));
      expect(err.data?.httpStatus).toBe(403);
      expect(err.data?.field).toBe("permission");
    }
    const shopper = await failure(
      gw("notifications", alice).notifications.support.admin.reply.mutate({ conversationId: "x", body: "hi" }),
    );
    expect(shopper.data?.httpStatus).toBe(403);
    expect(
      (await gw("notifications", users.support).notifications.support.admin.inbox.query({})).items.length,
    ).toBeGreaterThan(0);
  });

  test("messages are rate-limited per user (429 naming body)", async () => {
    const carol = await p.signUp({ name: "Carol" });
    const shop = gw("notifications", carol).notifications.support;
    for (let i = 1; i <= 5; i++) await shop.send.mutate({ body: `message ${i}` });
    const err = await failure(shop.send.mutate({ body: "one too many" }));
    expect(err.data?.httpStatus).toBe(429);
    expect(err.data?.field).toBe("body");
    const conversation = await shop.mine.query({});
    expect(conversation?.messages).toHaveLength(5);
  }, 30_000);

  test("an answer the shopper does not see in time is mailed, once for a run of answers", async () => {
    const dave = await p.signUp({ name: "Dave" });
    const shop = gw("notifications", dave).notifications.support;
    const staff = gw("notifications", users.support).notifications.support.admin;
    const asked = await shop.send.mutate({ body: "Can I change my address?" });
    await staff.reply.mutate({ conversationId: asked.conversationId, body: "Yes: tell us the new one." });
    await staff.reply.mutate({ conversationId: asked.conversationId, body: "Or change it in your account." });
    const mails = async () =>
      notifications.deps.db.orm
        .select()
        .from(messages)
        .where(and(eq(messages.to, dave.email), eq(messages.template, "support-reply")));
    const [mail] = await eventually(async () => {
      const found = await mails();
      return found.length > 0 ? found : undefined;
    });
    expect(mail?.text).toContain("Or change it in your account.");
    expect(mail?.userId).toBe(dave.user.id);
    await eventually(async () => (await mails())[0]?.status === "sent");
    await Bun.sleep(1000);
    expect(await mails()).toHaveLength(1);
  }, 30_000);
});
