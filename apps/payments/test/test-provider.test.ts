import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count, desc, eq } from "drizzle-orm";
import { payments, refunds } from "../src/db/schema.ts";
import {
  failure,
  internalClient,
  newOrderId,
  type PaymentsUnderTest,
  publicClient,
  startInfra,
  startPayments,
} from "./harness.ts";

let infra: Awaited<ReturnType<typeof startInfra>>;
let svc: PaymentsUnderTest;

beforeAll(async () => {
  infra = await startInfra();
  svc = await startPayments(infra);
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  await infra?.dispose();
});

const internal = () => internalClient(svc.url);
const browser = () => publicClient(svc.url);

async function newPayment(amount = 2599, userId: string | null = "user-1") {
  const orderId = newOrderId();
  const intent = await internal().payments.internal.createIntent.mutate({
    orderId,
    userId,
    email: "shopper@example.com",
    amount,
    currency: "EUR",
  });
  return { orderId, ...intent };
}

async function paymentRows(orderId: string) {
  return svc.deps.db.orm.select().from(payments).where(eq(payments.orderId, orderId));
}

describe("createIntent", () => {
  test("is idempotent by order: the same order gets the same payment", async () => {
    const first = await newPayment();
    expect(first).toMatchObject({ provider: "test", status: "requires_payment" });
    expect(first.clientSecret).toStartWith("pi_test_");
    const again = await internal().payments.internal.createIntent.mutate({
      orderId: first.orderId,
      userId: "user-1",
      email: "shopper@example.com",
      amount: 2599,
      currency: "EUR",
    });
    expect(again).toEqual({
      paymentId: first.paymentId,
      purpose: "order",
      reference: null,
      provider: "test",
      clientSecret: first.clientSecret,
      status: "requires_payment",
    });
    expect(await paymentRows(first.orderId)).toHaveLength(1);
  });

  test("concurrent requests for one order still make one payment", async () => {
    const orderId = newOrderId();
    const input = { orderId, userId: null, email: "a@example.com", amount: 100, currency: "GBP" as const };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => internal().payments.internal.createIntent.mutate(input)),
    );
    expect(new Set(answers.map((a) => a.paymentId)).size).toBe(1);
    expect(await paymentRows(orderId)).toHaveLength(1);
  });

  test("bad input is a BAD_REQUEST naming the field, and writes nothing", async () => {
    const base = { orderId: newOrderId(), userId: null, email: "a@example.com", amount: 100, currency: "EUR" as const };
    const zero = await failure(internal().payments.internal.createIntent.mutate({ ...base, amount: 0 }));
    expect(zero.data?.code).toBe("BAD_REQUEST");
    expect(zero.message).toContain("amount");
    const fraction = await failure(internal().payments.internal.createIntent.mutate({ ...base, amount: 10.5 }));
    expect(fraction.message).toContain("amount");
    const yen = await failure(
      // @ts-expect-error a currency the shop does not sell
      internal().payments.internal.createIntent.mutate({ ...base, currency: "JPY" }),
    );
    expect(yen.data?.code).toBe("BAD_REQUEST");
    expect(yen.message).toContain("currency");
    expect(await paymentRows(base.orderId)).toHaveLength(0);
  });

  test("the same order with another amount is a CONFLICT", async () => {
    const p = await newPayment(1000);
    const err = await failure(
      internal().payments.internal.createIntent.mutate({
        orderId: p.orderId,
        userId: "user-1",
        email: "shopper@example.com",
        amount: 999,
        currency: "EUR",
      }),
    );
    expect(err.data?.code).toBe("CONFLICT");
    expect(err.message).toStartWith("amount:");
  });

  test("internal procedures need a service credential", async () => {
    const err = await failure(
      browser().payments.internal.createIntent.mutate({
        orderId: newOrderId(),
        userId: null,
        email: "a@example.com",
        amount: 100,
        currency: "EUR",
      }),
    );
    expect(err.data?.code).toBe("UNAUTHORIZED");
  });
});

describe("test cards through the same handler as Stripe webhooks", () => {
  test("4242 4242 4242 4242 (spaces ignored) succeeds and publishes payments.succeeded.v1", async () => {
    const p = await newPayment(2599);
    const answer = await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4242 4242 4242 4242",
    });
    expect(answer).toEqual({ status: "succeeded" });
    const [event] = await svc.events.waitFor(p.orderId, 1);
    expect(event).toMatchObject({
      type: "payments.succeeded.v1",
      key: p.orderId,
      data: { paymentId: p.paymentId, orderId: p.orderId, provider: "test", amount: 2599, currency: "EUR" },
    });
    const [row] = await paymentRows(p.orderId);
    expect(row).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(row?.succeededAt).toBeInstanceOf(Date);
    // An attempt that succeeded at once is not announced as started: payments.succeeded settles
    // the reservation (a declined or 3-D Secure attempt is, below and in stripe.test.ts).
    await svc.events.settled(p.orderId);
    expect(svc.events.attempts.filter((e) => e.key === p.orderId)).toEqual([]);
  });

  test("4000 0000 0000 0002 is declined (card_declined); a retry of the same payment with 4242 succeeds", async () => {
    const p = await newPayment(1500);
    const declined = await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4000000000000002",
    });
    expect(declined).toMatchObject({ status: "failed", declineCode: "card_declined" });
    expect(declined.message).toBeString();

    // orders asks again after the decline: same payment, ready to retry.
    const again = await internal().payments.internal.createIntent.mutate({
      orderId: p.orderId,
      userId: "user-1",
      email: "shopper@example.com",
      amount: 1500,
      currency: "EUR",
    });
    expect(again).toMatchObject({ paymentId: p.paymentId, status: "failed" });

    const paid = await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4242424242424242",
    });
    expect(paid.status).toBe("succeeded");
    const events = await svc.events.waitFor(p.orderId, 2);
    expect(events.map((e) => e.type)).toEqual(["payments.failed.v1", "payments.succeeded.v1"]);
    expect(events[0]?.data).toMatchObject({ code: "card_declined", paymentId: p.paymentId });
    expect((await paymentRows(p.orderId))[0]).toMatchObject({ status: "succeeded", attempts: 2, failureCode: null });
    // The declined attempt was announced (inventory keeps the stock for the retry); the retry that
    // succeeded at once was not.
    expect(svc.events.attempts.filter((e) => e.key === p.orderId).map((e) => e.type)).toEqual([
      "payments.attempt.started.v1",
    ]);
  });

  test("4000 0000 0000 9995 is declined for insufficient funds", async () => {
    const p = await newPayment();
    const answer = await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4000 0000 0000 9995",
    });
    expect(answer).toMatchObject({ status: "failed", declineCode: "insufficient_funds" });
    const [event] = await svc.events.waitFor(p.orderId, 1);
    expect(event).toMatchObject({ type: "payments.failed.v1", data: { code: "insufficient_funds" } });
  });

  test("4000 0000 0000 3220 requires an extra step; approving it completes the payment", async () => {
    const p = await newPayment(4200);
    const first = await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4000000000003220",
    });
    expect(first).toEqual({ status: "requires_action" });
    // Nothing is announced while the shopper authenticates but the attempt: inventory holds the stock meanwhile.
    expect(await svc.events.settled(p.orderId)).toHaveLength(0);
    expect(svc.events.attempts.filter((e) => e.key === p.orderId).map((e) => e.type)).toEqual([
      "payments.attempt.started.v1",
    ]);

    // After a reload the page asks where the payment stands: the step is pending and can be resumed.
    const held = { paymentId: p.paymentId, clientSecret: p.clientSecret };
    expect(await browser().payments.state.mutate(held)).toEqual({
      status: "requires_action",
      provider: "test",
      pendingStep: true,
      canAttempt: true,
      lastError: null,
    });

    const done = await browser().payments.completeTestAction.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      approve: true,
    });
    expect(done).toEqual({ status: "succeeded" });
    const [event] = await svc.events.waitFor(p.orderId, 1);
    expect(event).toMatchObject({ type: "payments.succeeded.v1", data: { amount: 4200 } });
    expect((await paymentRows(p.orderId))[0]?.attempts).toBe(1);
  });

  test("a new card over a pending step abandons it: 4242 pays (the reload trap of #21)", async () => {
    const p = await newPayment(3100);
    const held = { paymentId: p.paymentId, clientSecret: p.clientSecret };
    expect(await browser().payments.confirmTest.mutate({ ...held, card: "4000000000003220" })).toEqual({
      status: "requires_action",
    });
    // The shopper reloads and, instead of the bank's step, types another card.
    expect(await browser().payments.confirmTest.mutate({ ...held, card: "4242424242424242" })).toEqual({
      status: "succeeded",
    });
    const [event] = await svc.events.waitFor(p.orderId, 1);
    expect(event).toMatchObject({ type: "payments.succeeded.v1", data: { amount: 3100 } });
    const [row] = await paymentRows(p.orderId);
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await browser().payments.state.mutate(held)).toMatchObject({
      status: "succeeded",
      pendingStep: false,
      canAttempt: false,
    });
  });

  test("a second 3-D Secure card over a pending step asks for its own step", async () => {
    const p = await newPayment();
    const held = { paymentId: p.paymentId, clientSecret: p.clientSecret };
    await browser().payments.confirmTest.mutate({ ...held, card: "4000000000003220" });
    expect(await browser().payments.confirmTest.mutate({ ...held, card: "4000000000003220" })).toEqual({
      status: "requires_action",
    });
    expect((await paymentRows(p.orderId))[0]).toMatchObject({ status: "requires_action", attempts: 2 });
    expect(await browser().payments.completeTestAction.mutate({ ...held, approve: true })).toEqual({
      status: "succeeded",
    });
  });

  test("abandonStep gives up the pending step once (idempotent), then any card may be tried", async () => {
    const p = await newPayment();
    const held = { paymentId: p.paymentId, clientSecret: p.clientSecret };
    await browser().payments.confirmTest.mutate({ ...held, card: "4000000000003220" });
    const abandoned = await browser().payments.abandonStep.mutate(held);
    expect(abandoned).toEqual({
      status: "failed",
      declineCode: "payment_intent_authentication_failure",
      message: "The card's authentication step was not completed.",
    });
    expect(await browser().payments.abandonStep.mutate(held)).toEqual({ status: "failed" });
    expect(await browser().payments.state.mutate(held)).toEqual({
      status: "failed",
      provider: "test",
      pendingStep: false,
      canAttempt: true,
      lastError: { code: "payment_intent_authentication_failure", message: abandoned.message ?? "" },
    });
    expect((await browser().payments.confirmTest.mutate({ ...held, card: "4242424242424242" })).status).toBe(
      "succeeded",
    );
    const events = await svc.events.waitFor(p.orderId, 2);
    expect(events.map((e) => e.type)).toEqual(["payments.failed.v1", "payments.succeeded.v1"]);
  });

  test("state and abandonStep need the payment's client secret", async () => {
    const p = await newPayment();
    const wrong = { paymentId: p.paymentId, clientSecret: `${p.clientSecret}x` };
    expect((await failure(browser().payments.state.mutate(wrong))).data).toMatchObject({
      code: "FORBIDDEN",
      field: "clientSecret",
    });
    expect((await failure(browser().payments.abandonStep.mutate(wrong))).data).toMatchObject({
      code: "FORBIDDEN",
      field: "clientSecret",
    });
    expect((await failure(browser().payments.state.mutate({ paymentId: "", clientSecret: "x" }))).data).toMatchObject({
      code: "BAD_REQUEST",
      field: "paymentId",
    });
  });

  test("refusing the extra step fails the payment, which can then be retried", async () => {
    const p = await newPayment();
    await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4000000000003220",
    });
    const refused = await browser().payments.completeTestAction.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      approve: false,
    });
    expect(refused).toMatchObject({ status: "failed", declineCode: "payment_intent_authentication_failure" });
    const retry = await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4242424242424242",
    });
    expect(retry.status).toBe("succeeded");
    const events = await svc.events.waitFor(p.orderId, 2);
    expect(events.map((e) => e.type)).toEqual(["payments.failed.v1", "payments.succeeded.v1"]);
  });

  test("a wrong client secret is FORBIDDEN and changes nothing", async () => {
    const p = await newPayment();
    const err = await failure(
      browser().payments.confirmTest.mutate({
        paymentId: p.paymentId,
        clientSecret: `${p.clientSecret}x`,
        card: "4242424242424242",
      }),
    );
    expect(err.data?.code).toBe("FORBIDDEN");
    expect(err.message).toStartWith("clientSecret:");
    expect((await paymentRows(p.orderId))[0]?.status).toBe("requires_payment");
  });

  test("a malformed card number is a BAD_REQUEST naming card.number; paying twice is a CONFLICT", async () => {
    const p = await newPayment();
    const bad = await failure(
      browser().payments.confirmTest.mutate({
        paymentId: p.paymentId,
        clientSecret: p.clientSecret,
        card: "4242 4242 4242 4241",
      }),
    );
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(bad.message).toStartWith("card.number:");
    expect((await paymentRows(p.orderId))[0]).toMatchObject({ status: "requires_payment", attempts: 0 });

    await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4242424242424242",
    });
    const twice = await failure(
      browser().payments.confirmTest.mutate({
        paymentId: p.paymentId,
        clientSecret: p.clientSecret,
        card: "4242424242424242",
      }),
    );
    expect(twice.data?.code).toBe("CONFLICT");
    expect(await svc.events.settled(p.orderId)).toHaveLength(1);
  });
});

describe("card details are checked like Stripe checks them, before any attempt", () => {
  /** A month and year relative to now, in UTC, as "MM/YY". */
  const expiryIn = (months: number) => {
    const now = new Date();
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
    return `${String(at.getUTCMonth() + 1).padStart(2, "0")}/${String(at.getUTCFullYear() % 100).padStart(2, "0")}`;
  };

  const refusals: [string, { number: string; expiry?: string; cvc?: string }, string, string][] = [
    [
      "an expired card (01/20)",
      { number: "4242424242424242", expiry: "01/20", cvc: "123" },
      "card.expiry",
      "expired_card",
    ],
    [
      "last month's expiry",
      { number: "4242424242424242", expiry: expiryIn(-1), cvc: "123" },
      "card.expiry",
      "expired_card",
    ],
    ["month 13", { number: "4242424242424242", expiry: "13/30", cvc: "123" }, "card.expiry", "invalid_expiry_month"],
    ["a one-digit CVC", { number: "4242424242424242", expiry: "12/30", cvc: "1" }, "card.cvc", "incorrect_cvc"],
    [
      "a 3-digit CVC on American Express",
      { number: "378282246310005", expiry: "12/30", cvc: "123" },
      "card.cvc",
      "incorrect_cvc",
    ],
    [
      "a number failing Luhn",
      { number: "4242 4242 4242 4241", expiry: "12/30", cvc: "123" },
      "card.number",
      "incorrect_number",
    ],
  ];
  for (const [what, card, field, code] of refusals) {
    test(`${what} is a BAD_REQUEST naming ${field} with ${code}, and starts no attempt`, async () => {
      const p = await newPayment();
      const err = await failure(
        browser().payments.confirmTest.mutate({ paymentId: p.paymentId, clientSecret: p.clientSecret, card }),
      );
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect(err.data?.httpStatus).toBe(400);
      expect(err.data?.field).toBe(field);
      expect(err.message).toStartWith(`${field}: `);
      expect(err.message).toContain(`(${code})`);
      expect((await paymentRows(p.orderId))[0]).toMatchObject({ status: "requires_payment", attempts: 0 });
    });
  }

  test("this month's expiry with a 3-digit CVC pays; American Express with 4 digits pays", async () => {
    for (const card of [
      { number: "4242 4242 4242 4242", expiry: expiryIn(0), cvc: "123" },
      { number: "3782 822463 10005", expiry: expiryIn(24), cvc: "1234" },
    ]) {
      const p = await newPayment();
      const answer = await browser().payments.confirmTest.mutate({
        paymentId: p.paymentId,
        clientSecret: p.clientSecret,
        card,
      });
      expect(answer).toEqual({ status: "succeeded" });
    }
  });

  test("the number alone (the form that sends no expiry or CVC yet) is still checked by Luhn", async () => {
    const p = await newPayment();
    const err = await failure(
      browser().payments.confirmTest.mutate({
        paymentId: p.paymentId,
        clientSecret: p.clientSecret,
        card: "4242424242424241",
      }),
    );
    expect(err.data?.field).toBe("card.number");
    expect(err.message).toContain("(incorrect_number)");
  });
});

describe("refunds with the test provider", () => {
  async function paidPayment(amount: number) {
    const p = await newPayment(amount);
    await browser().payments.confirmTest.mutate({
      paymentId: p.paymentId,
      clientSecret: p.clientSecret,
      card: "4242424242424242",
    });
    return p;
  }

  test("partial then full, each announced once; the same idempotency key is the same refund", async () => {
    const p = await paidPayment(5000);
    const partial = await internal().payments.internal.refund.mutate({
      orderId: p.orderId,
      amount: 2000,
      reason: "one item returned",
      idempotencyKey: "k1",
    });
    expect(partial).toMatchObject({ amount: 2000, refundedTotal: 2000, status: "partially_refunded" });
    const replay = await internal().payments.internal.refund.mutate({
      orderId: p.orderId,
      amount: 2000,
      reason: "one item returned",
      idempotencyKey: "k1",
    });
    expect(replay).toEqual(partial);

    const rest = await internal().payments.internal.refund.mutate({
      orderId: p.orderId,
      reason: "cancelled",
      idempotencyKey: "k2",
    });
    expect(rest).toMatchObject({ amount: 3000, refundedTotal: 5000, status: "refunded" });

    const events = (await svc.events.settled(p.orderId)).filter((e) => e.type === "payments.refunded.v1");
    expect(events.map((e) => e.data)).toMatchObject([
      { amount: 2000, refundedTotal: 2000, full: false, currency: "EUR" },
      { amount: 3000, refundedTotal: 5000, full: true },
    ]);
  });

  test("over-refunds, refunds of failed payments and unknown orders are refused and write nothing", async () => {
    const p = await paidPayment(1000);
    const over = await failure(
      internal().payments.internal.refund.mutate({
        orderId: p.orderId,
        amount: 1001,
        reason: "x",
        idempotencyKey: "o1",
      }),
    );
    expect(over.data?.code).toBe("BAD_REQUEST");
    expect(over.message).toStartWith("amount:");
    const zero = await failure(
      internal().payments.internal.refund.mutate({ orderId: p.orderId, amount: 0, reason: "x", idempotencyKey: "o2" }),
    );
    expect(zero.message).toContain("amount");

    const failed = await newPayment();
    await browser().payments.confirmTest.mutate({
      paymentId: failed.paymentId,
      clientSecret: failed.clientSecret,
      card: "4000000000000002",
    });
    const ofFailed = await failure(
      internal().payments.internal.refund.mutate({
        orderId: failed.orderId,
        amount: 1,
        reason: "x",
        idempotencyKey: "f1",
      }),
    );
    expect(ofFailed.data?.code).toBe("CONFLICT");

    const unknown = await failure(
      internal().payments.internal.refund.mutate({
        orderId: "no-such-order",
        amount: 1,
        reason: "x",
        idempotencyKey: "u1",
      }),
    );
    expect(unknown.data?.code).toBe("NOT_FOUND");

    const [n] = await svc.deps.db.orm
      .select({ n: count() })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(eq(payments.orderId, p.orderId));
    expect(n?.n).toBe(0);
  });

  test("ten concurrent refunds never give back more than was captured", async () => {
    const p = await paidPayment(1000);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        internal().payments.internal.refund.mutate({
          orderId: p.orderId,
          amount: 300,
          reason: "race",
          idempotencyKey: `race-${i}`,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(3);
    const [row] = await paymentRows(p.orderId);
    expect(row).toMatchObject({ refundedAmount: 900, refundPendingAmount: 0, status: "partially_refunded" });
    const events = (await svc.events.settled(p.orderId)).filter((e) => e.type === "payments.refunded.v1");
    expect(events).toHaveLength(3);
  });
});

describe("reading payments", () => {
  test("forOrder: the shopper's own (with the secret while payable), an admin's view, nobody else's", async () => {
    const p = await newPayment(700, "user-own");
    const own = await publicClient(
      svc.url,
      await infra.issuer.sign({ sub: "user-own", email: "own@example.com" }),
    ).payments.forOrder.query({ orderId: p.orderId });
    expect(own).toMatchObject({
      id: p.paymentId,
      status: "requires_payment",
      amount: 700,
      clientSecret: p.clientSecret,
    });

    const other = await failure(
      publicClient(
        svc.url,
        await infra.issuer.sign({ sub: "user-other", email: "o@example.com" }),
      ).payments.forOrder.query({
        orderId: p.orderId,
      }),
    );
    expect(other.data?.code).toBe("NOT_FOUND");

    const admin = publicClient(
      svc.url,
      await infra.issuer.sign({ sub: "boss", email: "b@example.com", role: "admin" }),
    );
    const seen = await admin.payments.forOrder.query({ orderId: p.orderId });
    expect(seen).toMatchObject({ id: p.paymentId, clientSecret: null });
    expect((await admin.payments.admin.byOrder.query({ orderId: p.orderId })).id).toBe(p.paymentId);

    const anonymous = await failure(browser().payments.forOrder.query({ orderId: p.orderId }));
    expect(anonymous.data?.code).toBe("UNAUTHORIZED");
  });

  test("admin.list pages newest first and filters by status; customers are refused", async () => {
    const admin = publicClient(
      svc.url,
      await infra.issuer.sign({ sub: "boss", email: "b@example.com", role: "admin" }),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.payments.admin.list.query({ limit: 3, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await svc.deps.db.orm.select({ id: payments.id }).from(payments);
    expect(new Set(seen).size).toBe(all.length);
    expect(seen).toHaveLength(all.length);
    const newestFirst = await svc.deps.db.orm
      .select({ id: payments.id })
      .from(payments)
      .orderBy(desc(payments.createdAt), desc(payments.id));
    expect(seen).toEqual(newestFirst.map((p) => p.id));

    const malformed = await failure(admin.payments.admin.list.query({ cursor: "not-a-cursor" }));
    expect(malformed.data).toMatchObject({ code: "BAD_REQUEST", field: "cursor" });

    const failed = await admin.payments.admin.list.query({ status: "failed", limit: 100 });
    expect(failed.items.every((p) => p.status === "failed")).toBe(true);

    const customer = publicClient(svc.url, await infra.issuer.sign({ sub: "c", email: "c@example.com" }));
    expect((await failure(customer.payments.admin.list.query({ limit: 5 }))).data?.code).toBe("FORBIDDEN");
  });

  test("internal.byOrder answers the payment with its refunds, NOT_FOUND for none", async () => {
    const p = await newPayment();
    expect(await internal().payments.internal.byOrder.query({ orderId: p.orderId })).toMatchObject({
      id: p.paymentId,
      refunds: [],
    });
    expect((await failure(internal().payments.internal.byOrder.query({ orderId: "nope" }))).data?.code).toBe(
      "NOT_FOUND",
    );
  });

  test("the webhook endpoint is not there without Stripe", async () => {
    const res = await fetch(`${svc.url}/webhooks/stripe`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });
});
