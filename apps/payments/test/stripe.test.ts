import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ConfigError } from "@mercato/kit";
import { TEST_SERVICE_KEYS, testSigningKey } from "@mercato/testing";
import { mockThirdParties } from "@mercato/testing/msw";
import { count, eq } from "drizzle-orm";
import Stripe from "stripe";
import { payments, refunds, webhookEvents } from "../src/db/schema.ts";
import { paymentsService } from "../src/service.ts";
import { fakeStripe, paymentIntent } from "./fake-stripe.ts";
import {
  failure,
  internalClient,
  newOrderId,
  type PaymentsUnderTest,
  publicClient,
  startInfra,
  startPayments,
} from "./harness.ts";

const WEBHOOK_SECRET = "whsec_test_mercato_payments";
const stripeApi = fakeStripe();
const signer = new Stripe("sk_test_signer");

let infra: Awaited<ReturnType<typeof startInfra>>;
let svc: PaymentsUnderTest;
let msw: ReturnType<typeof mockThirdParties>;

beforeAll(async () => {
  msw = mockThirdParties(...stripeApi.handlers);
  infra = await startInfra();
  svc = await startPayments(infra, { STRIPE_SECRET_KEY: "sk_test_mercato", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  await infra?.dispose();
  msw?.close();
});

const internal = () => internalClient(svc.url);

async function newPayment(amount = 5000) {
  const orderId = newOrderId();
  const intent = await internal().payments.internal.createIntent.mutate({
    orderId,
    userId: "user-1",
    email: "shopper@example.com",
    amount,
    currency: "EUR",
  });
  const [row] = await svc.deps.db.orm.select().from(payments).where(eq(payments.orderId, orderId));
  return { orderId, intentId: row!.intentId, ...intent };
}

let eventSeq = 0;
function stripeEvent(type: string, object: object) {
  eventSeq += 1;
  return {
    id: `evt_test_${Date.now().toString(36)}_${eventSeq}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

async function deliver(event: object, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  const header = await signer.webhooks.generateTestHeaderStringAsync({ payload, secret });
  const res = await fetch(`${svc.url}/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string; error?: { message: string } } };
}

function succeeded(p: { intentId: string; orderId: string }, amount = 5000) {
  return stripeEvent(
    "payment_intent.succeeded",
    paymentIntent({ id: p.intentId, amount, currency: "eur", orderId: p.orderId, status: "succeeded" }),
  );
}

async function statusOf(orderId: string) {
  const [row] = await svc.deps.db.orm.select().from(payments).where(eq(payments.orderId, orderId));
  return row;
}

describe("configuration", () => {
  test("a Stripe key without a webhook secret stops start-up with a sentence naming STRIPE_WEBHOOK_SECRET", async () => {
    const err = await paymentsService
      .run({
        PORT: "0",
        DATABASE_URL: "file:/nonexistent/never-opened.db",
        NATS_URL: "nats://127.0.0.1:1",
        REDIS_URL: "redis://127.0.0.1:1",
        JWKS_URL: "http://127.0.0.1:1/jwks",
        SERVICE_SIGNING_KEY: testSigningKey("payments"),
        SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
        STRIPE_SECRET_KEY: "sk_test_123",
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain("STRIPE_WEBHOOK_SECRET");
  });
});

describe("payment intents through the Stripe API", () => {
  test("payments.mode says real payments: Stripe, not test mode", async () => {
    expect(await publicClient(svc.url).payments.mode.query()).toEqual({ provider: "stripe", testMode: false });
  });

  test("creates a PaymentIntent with amount, currency, metadata[orderId] and an Idempotency-Key, once per order", async () => {
    const before = stripeApi.callsTo("/v1/payment_intents").length;
    const p = await newPayment(5000);
    expect(p).toMatchObject({ provider: "stripe", status: "requires_payment" });
    expect(p.clientSecret).toBe(`${p.intentId}_secret_fake`);
    const call = stripeApi.callsTo("/v1/payment_intents").at(-1)!;
    expect(call.params.get("amount")).toBe("5000");
    expect(call.params.get("currency")).toBe("eur");
    expect(call.params.get("metadata[orderId]")).toBe(p.orderId);
    expect(call.params.get("automatic_payment_methods[enabled]")).toBe("true");
    expect(call.idempotencyKey).toContain(p.orderId);

    const again = await internal().payments.internal.createIntent.mutate({
      orderId: p.orderId,
      userId: "user-1",
      email: "shopper@example.com",
      amount: 5000,
      currency: "EUR",
    });
    expect(again.paymentId).toBe(p.paymentId);
    expect(stripeApi.callsTo("/v1/payment_intents").length).toBe(before + 1);
  });

  test("test cards are refused while Stripe is the provider", async () => {
    const p = await newPayment();
    const err = await failure(
      publicClient(svc.url).payments.confirmTest.mutate({
        paymentId: p.paymentId,
        clientSecret: p.clientSecret,
        card: "4242424242424242",
      }),
    );
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.message).toStartWith("card:");
  });
});

describe("the Stripe webhook", () => {
  test("payment_intent.succeeded alone completes the payment and publishes payments.succeeded.v1", async () => {
    const p = await newPayment(5000);
    const res = await deliver(succeeded(p));
    expect(res).toMatchObject({ status: 200, body: { received: true, outcome: "applied" } });
    expect(await statusOf(p.orderId)).toMatchObject({ status: "succeeded", attempts: 1 });
    const [event] = await svc.events.waitFor(p.orderId, 1);
    expect(event).toMatchObject({
      type: "payments.succeeded.v1",
      data: { paymentId: p.paymentId, provider: "stripe", amount: 5000, currency: "EUR" },
    });
  });

  test("a decline, then success when the shopper retries", async () => {
    const p = await newPayment(5000);
    const declined = stripeEvent(
      "payment_intent.payment_failed",
      paymentIntent({
        id: p.intentId,
        amount: 5000,
        currency: "eur",
        orderId: p.orderId,
        status: "requires_payment_method",
        lastPaymentError: {
          code: "card_declined",
          decline_code: "insufficient_funds",
          message: "Your card has insufficient funds.",
        },
      }),
    );
    expect((await deliver(declined)).body.outcome).toBe("applied");
    expect(await statusOf(p.orderId)).toMatchObject({ status: "failed", failureCode: "insufficient_funds" });
    expect((await deliver(succeeded(p))).body.outcome).toBe("applied");
    expect(await statusOf(p.orderId)).toMatchObject({ status: "succeeded", attempts: 2 });
    const events = await svc.events.waitFor(p.orderId, 2);
    expect(events.map((e) => e.type)).toEqual(["payments.failed.v1", "payments.succeeded.v1"]);
    expect(events[0]?.data).toMatchObject({ code: "insufficient_funds", reason: "Your card has insufficient funds." });
  });

  test("a success for another amount or currency than the payment asked is refused: nothing changes", async () => {
    const p = await newPayment(5000);
    const short = succeeded(p, 1);
    const dollars = stripeEvent(
      "payment_intent.succeeded",
      paymentIntent({ id: p.intentId, amount: 5000, currency: "usd", orderId: p.orderId, status: "succeeded" }),
    );
    const nothingReceived = stripeEvent("payment_intent.succeeded", {
      ...paymentIntent({ id: p.intentId, amount: 5000, currency: "eur", orderId: p.orderId, status: "succeeded" }),
      amount_received: 0,
    });
    for (const event of [short, dollars, nothingReceived]) {
      expect(await deliver(event)).toMatchObject({ status: 200, body: { received: true, outcome: "mismatch" } });
    }
    expect(await statusOf(p.orderId)).toMatchObject({ status: "requires_payment", succeededAt: null });
    expect(await svc.events.settled(p.orderId)).toHaveLength(0);
    // The real one still completes it.
    expect((await deliver(succeeded(p))).body.outcome).toBe("applied");
    expect(await statusOf(p.orderId)).toMatchObject({ status: "succeeded" });
  });

  test("a replayed webhook is acknowledged and processed once", async () => {
    const p = await newPayment(5000);
    const event = succeeded(p);
    const answers = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(["applied", "duplicate", "duplicate"]);
    expect((await deliver(event)).body.outcome).toBe("duplicate");
    expect(await svc.events.settled(p.orderId)).toHaveLength(1);
  });

  test("a bad signature is refused with 400 and writes nothing", async () => {
    const p = await newPayment(5000);
    const event = succeeded(p);
    const res = await deliver(event, "whsec_someone_else");
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toStartWith("stripe-signature:");
    const unsigned = await fetch(`${svc.url}/webhooks/stripe`, { method: "POST", body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    expect(await statusOf(p.orderId)).toMatchObject({ status: "requires_payment" });
    const [seen] = await svc.deps.db.orm
      .select({ n: count() })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, event.id));
    expect(seen?.n).toBe(0);
    expect(await svc.events.settled(p.orderId)).toHaveLength(0);
  });

  test("an unknown intent is acknowledged with 200 and writes nothing", async () => {
    const event = stripeEvent(
      "payment_intent.succeeded",
      paymentIntent({
        id: "pi_unknown_to_us",
        amount: 100,
        currency: "eur",
        orderId: "elsewhere",
        status: "succeeded",
      }),
    );
    const res = await deliver(event);
    expect(res).toMatchObject({ status: 200, body: { outcome: "unknown_intent" } });
    const [seen] = await svc.deps.db.orm
      .select({ n: count() })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, event.id));
    expect(seen?.n).toBe(0);
  });

  test("event types we do not act on are acknowledged", async () => {
    const res = await deliver(stripeEvent("customer.created", { id: "cus_1", object: "customer" }));
    expect(res).toMatchObject({ status: 200, body: { outcome: "not_handled" } });
  });
});

describe("refunds through the Stripe Refunds API", () => {
  async function paid(amount = 5000) {
    const p = await newPayment(amount);
    await deliver(succeeded(p, amount));
    return p;
  }

  test("partial then full, with an Idempotency-Key; Stripe's own charge.refunded notice adds nothing", async () => {
    const p = await paid(5000);
    const partial = await internal().payments.internal.refund.mutate({
      orderId: p.orderId,
      amount: 1500,
      reason: "requested_by_customer",
      idempotencyKey: "r1",
    });
    expect(partial).toMatchObject({ amount: 1500, refundedTotal: 1500, status: "partially_refunded" });
    const call = stripeApi.callsTo("/v1/refunds").at(-1)!;
    expect(call.params.get("payment_intent")).toBe(p.intentId);
    expect(call.params.get("amount")).toBe("1500");
    expect(call.params.get("reason")).toBe("requested_by_customer");
    expect(call.params.get("metadata[orderId]")).toBe(p.orderId);
    expect(call.idempotencyKey).toBeString();

    const full = await internal().payments.internal.refund.mutate({
      orderId: p.orderId,
      reason: "order cancelled",
      idempotencyKey: "r2",
    });
    expect(full).toMatchObject({ amount: 3500, refundedTotal: 5000, status: "refunded" });
    expect(stripeApi.intents.get(p.intentId)?.refunded).toBe(5000);

    const notice = await deliver(
      stripeEvent("charge.refunded", {
        id: `ch_for_${p.intentId}`,
        object: "charge",
        amount: 5000,
        amount_refunded: 5000,
        currency: "eur",
        payment_intent: p.intentId,
        refunded: true,
      }),
    );
    expect(notice.body.outcome).toBe("ignored");
    const events = (await svc.events.settled(p.orderId)).filter((e) => e.type === "payments.refunded.v1");
    expect(events.map((e) => e.data)).toMatchObject([
      { amount: 1500, refundedTotal: 1500, full: false },
      { amount: 3500, refundedTotal: 5000, full: true },
    ]);
  });

  test("an over-refund is refused before Stripe is asked", async () => {
    const p = await paid(2000);
    const calls = stripeApi.callsTo("/v1/refunds").length;
    const err = await failure(
      internal().payments.internal.refund.mutate({
        orderId: p.orderId,
        amount: 2001,
        reason: "x",
        idempotencyKey: "too-much",
      }),
    );
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.message).toStartWith("amount:");
    expect(stripeApi.callsTo("/v1/refunds").length).toBe(calls);
  });

  test("ten concurrent refunds never exceed the captured amount", async () => {
    const p = await paid(1000);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        internal().payments.internal.refund.mutate({
          orderId: p.orderId,
          amount: 400,
          reason: "race",
          idempotencyKey: `c${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const sentToStripe = stripeApi.callsTo("/v1/refunds").filter((c) => c.params.get("payment_intent") === p.intentId);
    expect(sentToStripe).toHaveLength(2);
    expect(stripeApi.intents.get(p.intentId)?.refunded).toBe(800);
    expect(await statusOf(p.orderId)).toMatchObject({ refundedAmount: 800, refundPendingAmount: 0 });
  });

  test("a refund Stripe refuses is a 502 and frees the amount again", async () => {
    const p = await paid(1000);
    stripeApi.refuseRefundsFor.add(p.intentId);
    const err = await failure(
      internal().payments.internal.refund.mutate({
        orderId: p.orderId,
        amount: 1000,
        reason: "x",
        idempotencyKey: "refused",
      }),
    );
    expect(err.data?.code).toBe("BAD_GATEWAY");
    expect(await statusOf(p.orderId)).toMatchObject({ status: "succeeded", refundedAmount: 0, refundPendingAmount: 0 });
    stripeApi.refuseRefundsFor.delete(p.intentId);
    const ok = await internal().payments.internal.refund.mutate({
      orderId: p.orderId,
      amount: 1000,
      reason: "x",
      idempotencyKey: "second-try",
    });
    expect(ok).toMatchObject({ refundedTotal: 1000, status: "refunded" });
  });

  test("a refund made in the Stripe dashboard arrives by charge.refunded and is recorded once", async () => {
    const p = await paid(3000);
    const event = stripeEvent("charge.refunded", {
      id: `ch_for_${p.intentId}`,
      object: "charge",
      amount: 3000,
      amount_refunded: 1000,
      currency: "eur",
      payment_intent: p.intentId,
      refunded: false,
    });
    expect((await deliver(event)).body.outcome).toBe("applied");
    expect((await deliver(event)).body.outcome).toBe("duplicate");
    expect(await statusOf(p.orderId)).toMatchObject({ status: "partially_refunded", refundedAmount: 1000 });
    const rows = await svc.deps.db.orm.select().from(refunds).where(eq(refunds.paymentId, p.paymentId));
    expect(rows).toMatchObject([{ amount: 1000, source: "provider", status: "succeeded" }]);
    const events = (await svc.events.settled(p.orderId)).filter((e) => e.type === "payments.refunded.v1");
    expect(events.map((e) => e.data)).toMatchObject([{ amount: 1000, refundedTotal: 1000, full: false }]);
  });
});
