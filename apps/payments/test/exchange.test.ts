import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PaymentRefunded, PaymentSucceeded } from "@mercato/events";
import { eq } from "drizzle-orm";
import { createIntentInput, refundInput } from "../src/contract.ts";
import { payments } from "../src/db/schema.ts";
import {
  failure,
  internalClient,
  newOrderId,
  type PaymentsUnderTest,
  publicClient,
  startInfra,
  startPayments,
} from "./harness.ts";

/** An order with more than one payment: the checkout payment and an exchange's price difference. */
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
const base = { userId: "user-x", email: "x@example.com", currency: "EUR" as const };

async function paidOrder(amount: number) {
  const orderId = newOrderId();
  const intent = await internal().payments.internal.createIntent.mutate({ ...base, orderId, amount });
  await browser().payments.confirmTest.mutate({
    paymentId: intent.paymentId,
    clientSecret: intent.clientSecret,
    card: { number: "4242424242424242", expiry: "12/40", cvc: "123" },
  });
  return { orderId, ...intent };
}

async function exchangeIntent(orderId: string, reference: string, amount: number) {
  return internal().payments.internal.createIntent.mutate({ ...base, orderId, amount, purpose: "exchange", reference });
}

describe("the contract", () => {
  test("purpose defaults to the order payment; an exchange names its return; the order payment has none", () => {
    const intent = { orderId: "o", userId: null, email: "a@example.com", amount: 1, currency: "EUR" };
    expect(createIntentInput.parse(intent)).toMatchObject({ purpose: "order", reference: null });
    const noRef = createIntentInput.safeParse({ ...intent, purpose: "exchange" });
    expect(noRef.success).toBe(false);
    expect(noRef.error?.issues[0]?.path).toEqual(["reference"]);
    expect(createIntentInput.safeParse({ ...intent, reference: "R-1" }).success).toBe(false);
    expect(refundInput.parse({ orderId: "o", reason: "r", idempotencyKey: "k" })).toMatchObject({
      purpose: "order",
      reference: null,
    });
  });

  test("payment events from before purposes parse as the order payment", () => {
    const old = { paymentId: "p", orderId: "o", provider: "test", amount: 5, currency: "EUR" };
    expect(PaymentSucceeded.data.parse(old)).toMatchObject({ purpose: "order", reference: null });
    const oldRefund = { ...old, refundId: "r", refundedTotal: 5, full: true };
    expect(PaymentRefunded.data.parse(oldRefund)).toMatchObject({ purpose: "order", reference: null });
  });
});

describe("an exchange payment beside the order payment", () => {
  test("is its own payment, idempotent by (order, purpose, reference), paid with a test card, announced with its purpose", async () => {
    const order = await paidOrder(5000);
    const ex = await exchangeIntent(order.orderId, "R-1", 700);
    expect(ex).toMatchObject({ purpose: "exchange", reference: "R-1", status: "requires_payment" });
    expect(ex.paymentId).not.toBe(order.paymentId);
    // A retry is the same payment; another return is another payment; the order payment is untouched.
    expect((await exchangeIntent(order.orderId, "R-1", 700)).paymentId).toBe(ex.paymentId);
    const again = await Promise.all([1, 2, 3].map(() => exchangeIntent(order.orderId, "R-2", 300)));
    expect(new Set(again.map((a) => a.paymentId)).size).toBe(1);
    const checkout = await internal().payments.internal.createIntent.mutate({
      ...base,
      orderId: order.orderId,
      amount: 5000,
    });
    expect(checkout).toMatchObject({ paymentId: order.paymentId, purpose: "order", reference: null });
    // The same exchange with another amount is a conflict naming the amount.
    const changed = await failure(exchangeIntent(order.orderId, "R-1", 800));
    expect(changed.data).toMatchObject({ code: "CONFLICT", field: "amount" });

    const paid = await browser().payments.confirmTest.mutate({
      paymentId: ex.paymentId,
      clientSecret: ex.clientSecret,
      card: "4242424242424242",
    });
    expect(paid.status).toBe("succeeded");
    const events = await svc.events.waitFor(order.orderId, 2);
    const succeeded = events.filter((e) => e.type === "payments.succeeded.v1").map((e) => e.data);
    expect(succeeded).toEqual([
      expect.objectContaining({ paymentId: order.paymentId, purpose: "order", reference: null, amount: 5000 }),
      expect.objectContaining({ paymentId: ex.paymentId, purpose: "exchange", reference: "R-1", amount: 700 }),
    ]);
    const rows = await svc.deps.db.orm.select().from(payments).where(eq(payments.orderId, order.orderId));
    expect(rows).toHaveLength(3);
  });

  test("a declined exchange card fails that payment only, and says which", async () => {
    const order = await paidOrder(1000);
    const ex = await exchangeIntent(order.orderId, "R-9", 250);
    const declined = await browser().payments.confirmTest.mutate({
      paymentId: ex.paymentId,
      clientSecret: ex.clientSecret,
      card: "4000000000000002",
    });
    expect(declined.status).toBe("failed");
    const events = await svc.events.waitFor(order.orderId, 2);
    expect(events.find((e) => e.type === "payments.failed.v1")?.data).toMatchObject({
      paymentId: ex.paymentId,
      purpose: "exchange",
      reference: "R-9",
    });
    const all = await internal().payments.internal.listForOrder.query({ orderId: order.orderId });
    expect(all.map((p) => [p.purpose, p.status])).toEqual([
      ["order", "succeeded"],
      ["exchange", "failed"],
    ]);
  });

  test("refunds name their payment (default the order's); one payment's remainder is the most a refund takes", async () => {
    const order = await paidOrder(3000);
    const ex = await exchangeIntent(order.orderId, "R-3", 1200);
    await browser().payments.confirmTest.mutate({
      paymentId: ex.paymentId,
      clientSecret: ex.clientSecret,
      card: "4242424242424242",
    });
    // More than the order payment holds is refused naming amount, although the order holds 4200 in all.
    const tooMuch = await failure(
      internal().payments.internal.refund.mutate({
        orderId: order.orderId,
        amount: 3500,
        reason: "too much",
        idempotencyKey: "big",
      }),
    );
    expect(tooMuch.data).toMatchObject({ code: "BAD_REQUEST", field: "amount" });

    const fromOrder = await internal().payments.internal.refund.mutate({
      orderId: order.orderId,
      amount: 1000,
      reason: "line cancelled",
      idempotencyKey: "cancel-1",
    });
    expect(fromOrder).toMatchObject({ paymentId: order.paymentId, amount: 1000, refundedTotal: 1000 });
    const fromExchange = await internal().payments.internal.refund.mutate({
      orderId: order.orderId,
      purpose: "exchange",
      reference: "R-3",
      amount: 1000,
      reason: "exchange undone",
      // The same key as the order payment's refund: keys are per payment.
      idempotencyKey: "cancel-1",
    });
    expect(fromExchange).toMatchObject({
      paymentId: ex.paymentId,
      amount: 1000,
      refundedTotal: 1000,
      status: "partially_refunded",
    });
    const overExchange = await failure(
      internal().payments.internal.refund.mutate({
        orderId: order.orderId,
        purpose: "exchange",
        reference: "R-3",
        amount: 300,
        reason: "more than is left",
        idempotencyKey: "more",
      }),
    );
    expect(overExchange.data).toMatchObject({ code: "BAD_REQUEST", field: "amount" });
    const unknown = await failure(
      internal().payments.internal.refund.mutate({
        orderId: order.orderId,
        purpose: "exchange",
        reference: "R-404",
        reason: "x",
        idempotencyKey: "y",
      }),
    );
    expect(unknown.data).toMatchObject({ code: "NOT_FOUND", field: "reference" });

    const refunded = (await svc.events.settled(order.orderId)).filter((e) => e.type === "payments.refunded.v1");
    expect(refunded.map((e) => e.data)).toEqual([
      expect.objectContaining({ paymentId: order.paymentId, purpose: "order", amount: 1000, full: false }),
      expect.objectContaining({ paymentId: ex.paymentId, purpose: "exchange", reference: "R-3", full: false }),
    ]);
  });

  test("the shopper and the admin see every payment of the order, each with its refunds; others see none", async () => {
    const order = await paidOrder(2000);
    const ex = await exchangeIntent(order.orderId, "R-5", 400);
    const owner = publicClient(svc.url, await infra.issuer.sign({ sub: "user-x", email: "x@example.com" }));
    const own = await owner.payments.listForOrder.query({ orderId: order.orderId });
    expect(own.map((p) => [p.id, p.purpose, p.reference, p.clientSecret])).toEqual([
      [order.paymentId, "order", null, null],
      // The exchange is still to pay: its payer gets its secret.
      [ex.paymentId, "exchange", "R-5", ex.clientSecret],
    ]);
    const admin = publicClient(
      svc.url,
      await infra.issuer.sign({ sub: "boss", email: "b@example.com", role: "admin" }),
    );
    const seen = await admin.payments.admin.listForOrder.query({ orderId: order.orderId });
    expect(seen.map((p) => p.id)).toEqual([order.paymentId, ex.paymentId]);
    expect(seen.every((p) => Array.isArray(p.refunds))).toBe(true);
    expect(
      (await admin.payments.listForOrder.query({ orderId: order.orderId })).every((p) => p.clientSecret === null),
    ).toBe(true);
    const stranger = publicClient(svc.url, await infra.issuer.sign({ sub: "user-y", email: "y@example.com" }));
    expect((await failure(stranger.payments.listForOrder.query({ orderId: order.orderId }))).data?.code).toBe(
      "NOT_FOUND",
    );
    // The single-payment reads still answer the checkout payment.
    expect((await admin.payments.admin.byOrder.query({ orderId: order.orderId })).id).toBe(order.paymentId);
    expect(await admin.payments.admin.listForOrder.query({ orderId: "ord_none" })).toEqual([]);
  });
});
