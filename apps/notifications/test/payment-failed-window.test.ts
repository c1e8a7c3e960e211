import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createEvent, type EventDefinition, OrderCancelledEvent, OrderPaidEvent, PaymentFailed } from "@mercato/events";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { messages } from "../src/db/schema.ts";
import { notificationsService } from "../src/service.ts";
import { consumerIdle, startDirectoryStub, waitFor } from "./support.ts";

/**
 * A shopper whose card is declined three times in a minute gets one "payment failed" email for
 * the order, not three; the order's final outcome (paid, or cancelled) is always mailed. Real
 * NATS and JetStream, the real service, its own libSQL file, orders' contact lookup over HTTP.
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
    // The default window (900 s); the mailbox transport (no Resend key).
    env: { EMAIL_POLL_MS: "100", ORDERS_URL: stub.url, IDENTITY_URL: stub.url },
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

const decline = (orderId: string, n: number) =>
  publish(
    PaymentFailed,
    { paymentId: `pay_${orderId}`, orderId, provider: "test", code: "card_declined", reason: `declined #${n}` },
    orderId,
  );

async function mailsTo(to: string, template: string) {
  return svc.deps.db.orm
    .select()
    .from(messages)
    .where(and(eq(messages.to, to), sql`${messages.template} = ${template}`));
}

/** Waits until every event published so far on `domain` has been handled. */
const drained = (domain: string) =>
  waitFor(`the ${domain} consumer to drain`, () => consumerIdle(svc.deps.bus, domain));

const address = { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" };
const lines = [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 1, unitPrice: 1999 }];
const totals = { currency: "EUR" as const, subtotal: 1999, discount: 0, shipping: 495, tax: 0, total: 2494 };

describe("one payment-failed email per order per window", () => {
  test("three declines in a row (two at once) mail once; another order mails its own; paid is mailed", async () => {
    stub.state.contacts.set("ord_w1", { email: "retrier@shop.test", number: "M-3001" });
    stub.state.contacts.set("ord_w2", { email: "retrier@shop.test", number: "M-3002" });
    await decline("ord_w1", 1);
    await Promise.all([decline("ord_w1", 2), decline("ord_w1", 3), decline("ord_w2", 1)]);
    await drained("payments");

    const failed = await mailsTo("retrier@shop.test", "payment-failed");
    expect(failed.map((m) => m.subject).sort()).toEqual([
      "Payment for order M-3001 did not go through",
      "Payment for order M-3002 did not go through",
    ]);
    expect(failed.map((m) => m.throttleKey).sort()).toEqual(["payment_failed:ord_w1", "payment_failed:ord_w2"]);
    // Every decline was handled (none left waiting), and the one mail goes out.
    await waitFor("the payment-failed mails to be sent", async () =>
      (await mailsTo("retrier@shop.test", "payment-failed")).every((m) => m.status === "sent"),
    );

    // The fourth attempt succeeds: the confirmation is the final word, never held back.
    await publish(
      OrderPaidEvent,
      {
        orderId: "ord_w1",
        number: "M-3001",
        email: "retrier@shop.test",
        userId: null,
        lines,
        totals,
        discountCode: null,
        shippingAddress: address,
      },
      "ord_w1",
    );
    const [confirmation] = await waitFor("the confirmation", async () => {
      const rows = await mailsTo("retrier@shop.test", "order-confirmation");
      return rows.length > 0 ? rows : undefined;
    });
    expect(confirmation?.subject).toContain("M-3001");
  });

  test("a cancelled order is mailed even right after a mailed decline", async () => {
    stub.state.contacts.set("ord_w3", { email: "giver-up@shop.test", number: "M-3003" });
    await decline("ord_w3", 1);
    await decline("ord_w3", 2);
    await drained("payments");
    expect(await mailsTo("giver-up@shop.test", "payment-failed")).toHaveLength(1);

    await publish(
      OrderCancelledEvent,
      {
        orderId: "ord_w3",
        number: "M-3003",
        email: "giver-up@shop.test",
        reason: "payment not completed",
        wasPaid: false,
      },
      "ord_w3",
    );
    await waitFor(
      "the cancellation",
      async () => (await mailsTo("giver-up@shop.test", "order-cancelled")).length === 1,
    );
  });

  test("once the window has passed, the next decline is mailed again", async () => {
    stub.state.contacts.set("ord_w4", { email: "later@shop.test", number: "M-3004" });
    await decline("ord_w4", 1);
    await drained("payments");
    expect(await mailsTo("later@shop.test", "payment-failed")).toHaveLength(1);

    // The first mail was recorded 16 minutes ago (past the 15-minute window).
    await svc.deps.db.orm
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(messages.throttleKey, "payment_failed:ord_w4"));
    await decline("ord_w4", 2);
    await drained("payments");
    expect(await mailsTo("later@shop.test", "payment-failed")).toHaveLength(2);
    await decline("ord_w4", 3);
    await drained("payments");
    expect(await mailsTo("later@shop.test", "payment-failed")).toHaveLength(2);
  });
});

describe("the window is configurable", () => {
  test("PAYMENT_FAILED_EMAIL_WINDOW_SECONDS=0 mails every decline", async () => {
    // Its own NATS and Redis: on the suite's, the first service's durable consumer would share the events.
    const [ownNats, ownRedis] = await Promise.all([startNats(), startRedis()]);
    const every = await startTestService(notificationsService, {
      service: "notifications",
      nats: ownNats,
      redis: ownRedis,
      issuer,
      env: { PAYMENT_FAILED_EMAIL_WINDOW_SECONDS: "0", ORDERS_URL: stub.url, IDENTITY_URL: stub.url },
    });
    try {
      stub.state.contacts.set("ord_w5", { email: "each@shop.test", number: "M-3005" });
      for (const n of [1, 2, 3]) {
        const e = createEvent(
          PaymentFailed,
          { paymentId: "pay_w5", orderId: "ord_w5", provider: "test", code: "card_declined", reason: `#${n}` },
          { key: "ord_w5" },
        );
        await every.deps.bus.publishRaw(e.type, JSON.stringify(e), e.id);
      }
      await waitFor("three mails", async () => {
        const rows = await every.deps.db.orm.select().from(messages).where(eq(messages.to, "each@shop.test"));
        return rows.length === 3;
      });
    } finally {
      await every.dispose();
      await Promise.all([ownNats.dispose(), ownRedis.dispose()]);
    }
  }, 30_000);
});
