import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { UserDeleted } from "@mercato/events";
import { mockThirdParties } from "@mercato/testing/msw";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { customers, payments, savedMethods } from "../src/db/schema.ts";
import { fakeStripe } from "./fake-stripe.ts";
import { type FakeCard, fakeStripeMethods } from "./fake-stripe-methods.ts";
import {
  failure,
  internalClient,
  newOrderId,
  type PaymentsUnderTest,
  publicClient,
  startInfra,
  startPayments,
} from "./harness.ts";

/**
 * Saved cards through Stripe (#20), msw standing in for api.stripe.com: one Customer per account,
 * SetupIntents whose card is recorded by the verified `setup_intent.succeeded` webhook (or by
 * recordSetup reading the SetupIntent back), detach on removal, and a PaymentIntent paid with a
 * saved method (customer + payment_method, confirm).
 */
const WEBHOOK_SECRET = "whsec_test_mercato_methods";
const intentsApi = fakeStripe();
const methodsApi = fakeStripeMethods();
const signer = new Stripe("sk_test_signer");

let infra: Awaited<ReturnType<typeof startInfra>>;
let svc: PaymentsUnderTest;
let msw: ReturnType<typeof mockThirdParties>;

beforeAll(async () => {
  msw = mockThirdParties(...intentsApi.handlers, ...methodsApi.handlers);
  infra = await startInfra();
  svc = await startPayments(infra, { STRIPE_SECRET_KEY: "sk_test_mercato", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  await infra?.dispose();
  msw?.close();
});

let users = 0;
async function shopper() {
  users += 1;
  const id = `user-stripe-${Date.now().toString(36)}-${users}`;
  const email = `${id}@example.com`;
  return { id, email, client: publicClient(svc.url, await infra.issuer.sign({ sub: id, email })) };
}

const VISA: FakeCard = { brand: "visa", last4: "4242", exp_month: 8, exp_year: 2031 };

let eventSeq = 0;
async function deliver(type: string, object: object, secret = WEBHOOK_SECRET) {
  eventSeq += 1;
  const event = {
    id: `evt_methods_${Date.now().toString(36)}_${eventSeq}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  const payload = JSON.stringify(event);
  const header = await signer.webhooks.generateTestHeaderStringAsync({ payload, secret });
  const res = await fetch(`${svc.url}/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string }, event };
}

/** A shopper who saved a card through Elements; the webhook recorded it. */
async function shopperWithCard(card: FakeCard = VISA) {
  const me = await shopper();
  const setup = await me.client.payments.methods.startSetup.mutate();
  const { setupIntent } = methodsApi.saveCard(setup.setupIntentId, card);
  const delivered = await deliver("setup_intent.succeeded", setupIntent);
  expect(delivered.body.outcome).toBe("applied");
  const [saved] = await me.client.payments.methods.list.query();
  if (!saved) throw new Error("the card was not recorded");
  return { me, saved };
}

async function newPayment(userId: string, paymentMethodId?: string) {
  const orderId = newOrderId();
  const intent = await internalClient(svc.url).payments.internal.createIntent.mutate({
    orderId,
    userId,
    email: "shopper@example.com",
    amount: 5000,
    currency: "EUR",
    ...(paymentMethodId ? { paymentMethodId } : {}),
  });
  const [row] = await svc.deps.db.orm.select().from(payments).where(eq(payments.orderId, orderId));
  return { orderId, intentId: row?.intentId ?? "", ...intent };
}

describe("saving a card with a SetupIntent", () => {
  test("one Customer per account, made on first need; the SetupIntent's client secret for Elements", async () => {
    const me = await shopper();
    const before = methodsApi.callsTo("POST", "/v1/customers").length;
    const first = await me.client.payments.methods.startSetup.mutate();
    const second = await me.client.payments.methods.startSetup.mutate();
    expect(first.clientSecret).toBe(`${first.setupIntentId}_secret_fake`);
    expect(second.setupIntentId).not.toBe(first.setupIntentId);
    const created = methodsApi.callsTo("POST", "/v1/customers").slice(before);
    expect(created).toHaveLength(1);
    // The customer carries our user id, never the person's email.
    expect(created[0]?.params.get("metadata[userId]")).toBe(me.id);
    expect(created[0]?.params.get("email")).toBeNull();
    const [row] = await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id));
    expect(row?.provider).toBe("stripe");
    const setups = methodsApi.callsTo("POST", "/v1/setup_intents").slice(-2);
    expect(setups.map((c) => c.params.get("customer"))).toEqual([row?.customerId ?? "", row?.customerId ?? ""]);
    // Nothing is saved until Stripe says the setup succeeded.
    expect(await me.client.payments.methods.list.query()).toEqual([]);
  });

  test("the verified setup_intent.succeeded webhook records brand, last 4 and expiry, once", async () => {
    const me = await shopper();
    const setup = await me.client.payments.methods.startSetup.mutate();
    const { setupIntent, paymentMethodId } = methodsApi.saveCard(setup.setupIntentId, VISA);

    const forged = await deliver("setup_intent.succeeded", setupIntent, "whsec_not_ours");
    expect(forged.status).toBe(400);
    expect(await me.client.payments.methods.list.query()).toEqual([]);

    const delivered = await deliver("setup_intent.succeeded", setupIntent);
    expect(delivered).toMatchObject({ status: 200, body: { outcome: "applied" } });
    const list = await me.client.payments.methods.list.query();
    expect(list).toEqual([
      expect.objectContaining({ provider: "stripe", brand: "visa", last4: "4242", expMonth: 8, expYear: 2031 }),
    ]);
    // Our id, not Stripe's, is what the shopper sees.
    expect(list[0]?.id).toStartWith("spm_");
    expect(JSON.stringify(list)).not.toContain(paymentMethodId);

    // The same event again, and the browser reporting the same setup: still one card.
    const again = await fetch(`${svc.url}/webhooks/stripe`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": await signer.webhooks.generateTestHeaderStringAsync({
          payload: JSON.stringify(delivered.event),
          secret: WEBHOOK_SECRET,
        }),
      },
      body: JSON.stringify(delivered.event),
    });
    expect(((await again.json()) as { outcome: string }).outcome).toBe("duplicate");
    const recorded = await me.client.payments.methods.recordSetup.mutate({ setupIntentId: setup.setupIntentId });
    expect(recorded.id).toBe(list[0]?.id ?? "");
    expect(await me.client.payments.methods.list.query()).toHaveLength(1);
  });

  test("a setup for a customer we do not know is acknowledged and changes nothing", async () => {
    const outcome = await deliver("setup_intent.succeeded", {
      ...methodsApi.saveCard((await (await shopper()).client.payments.methods.startSetup.mutate()).setupIntentId, VISA)
        .setupIntent,
      customer: "cus_someone_else",
    });
    expect(outcome.body.outcome).toBe("unknown_customer");
  });

  test("recordSetup reads the SetupIntent from Stripe: only the account's own, once it succeeded", async () => {
    const me = await shopper();
    const other = await shopper();
    const setup = await me.client.payments.methods.startSetup.mutate();
    const early = await failure(me.client.payments.methods.recordSetup.mutate({ setupIntentId: setup.setupIntentId }));
    expect(early.data?.code).toBe("CONFLICT");
    expect(early.data?.field).toBe("setupIntentId");

    methodsApi.saveCard(setup.setupIntentId, { brand: "mastercard", last4: "4444", exp_month: 2, exp_year: 2030 });
    await other.client.payments.methods.startSetup.mutate();
    const stolen = await failure(
      other.client.payments.methods.recordSetup.mutate({ setupIntentId: setup.setupIntentId }),
    );
    expect(stolen.data?.code).toBe("NOT_FOUND");
    expect(stolen.data?.field).toBe("setupIntentId");
    expect(await other.client.payments.methods.list.query()).toEqual([]);

    const saved = await me.client.payments.methods.recordSetup.mutate({ setupIntentId: setup.setupIntentId });
    expect(saved).toMatchObject({ brand: "mastercard", last4: "4444", expMonth: 2, expYear: 2030 });
    const unknown = await failure(me.client.payments.methods.recordSetup.mutate({ setupIntentId: "seti_nope" }));
    expect(unknown.data?.field).toBe("setupIntentId");
  });

  test("test cards are refused when Stripe takes payments", async () => {
    const me = await shopper();
    const err = await failure(
      me.client.payments.methods.setupTest.mutate({ card: { number: "4242424242424242", expiry: "12/34" } }),
    );
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.data?.field).toBe("card");
  });
});

describe("paying with a saved card", () => {
  test("the PaymentIntent gets the customer and the method, then is confirmed", async () => {
    const { me, saved } = await shopperWithCard();
    const pay = await newPayment(me.id);
    const answer = await me.client.payments.methods.pay.mutate({
      paymentId: pay.paymentId,
      clientSecret: pay.clientSecret,
      paymentMethodId: saved.id,
      returnUrl: "https://shop.example/account/orders/1",
    });
    expect(answer).toEqual({ status: "succeeded" });
    const [customer] = await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id));
    const [method] = await svc.deps.db.orm.select().from(savedMethods).where(eq(savedMethods.id, saved.id));
    const update = methodsApi.callsTo("POST", `/v1/payment_intents/${pay.intentId}`);
    expect(update.map((c) => [c.params.get("customer"), c.params.get("payment_method")])).toEqual([
      [customer?.customerId ?? "", method?.providerMethodId ?? ""],
    ]);
    const confirm = methodsApi.callsTo("POST", `/v1/payment_intents/${pay.intentId}/confirm`);
    expect(confirm).toHaveLength(1);
    expect(confirm[0]?.params.get("return_url")).toBe("https://shop.example/account/orders/1");
  });

  test("a decline is an answer with Stripe's decline code; 3-D Secure asks for the action", async () => {
    const declining = await shopperWithCard({ ...VISA, last4: "9995", outcome: "declined" });
    const pay = await newPayment(declining.me.id);
    expect(
      await declining.me.client.payments.methods.pay.mutate({
        paymentId: pay.paymentId,
        clientSecret: pay.clientSecret,
        paymentMethodId: declining.saved.id,
      }),
    ).toEqual({ status: "failed", declineCode: "insufficient_funds", message: "Your card has insufficient funds." });

    const secure = await shopperWithCard({ ...VISA, last4: "3220", outcome: "requires_action" });
    const pay2 = await newPayment(secure.me.id);
    expect(
      await secure.me.client.payments.methods.pay.mutate({
        paymentId: pay2.paymentId,
        clientSecret: pay2.clientSecret,
        paymentMethodId: secure.saved.id,
      }),
    ).toEqual({ status: "requires_action" });
  });

  test("createIntent with the shopper's saved method makes the intent for the customer and confirms it", async () => {
    const { me, saved } = await shopperWithCard();
    const pay = await newPayment(me.id, saved.id);
    const created = intentsApi.calls.find((c) => c.params.get("metadata[orderId]") === pay.orderId);
    const [customer] = await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id));
    expect(created?.params.get("customer")).toBe(customer?.customerId ?? "");
    expect(created?.params.get("automatic_payment_methods[allow_redirects]")).toBe("never");
    expect(methodsApi.callsTo("POST", `/v1/payment_intents/${pay.intentId}/confirm`)).toHaveLength(1);

    // Someone else's method id at createIntent is not used: the intent is made as usual.
    const other = await shopper();
    const plain = await newPayment(other.id, saved.id);
    const made = intentsApi.calls.find((c) => c.params.get("metadata[orderId]") === plain.orderId);
    expect(made?.params.get("customer")).toBeNull();
    expect(methodsApi.callsTo("POST", `/v1/payment_intents/${plain.intentId}/confirm`)).toHaveLength(0);
  });

  test("another user's method is a 404 naming paymentMethodId, and Stripe is not asked", async () => {
    const { saved } = await shopperWithCard();
    const other = await shopper();
    const theirs = await newPayment(other.id);
    const err = await failure(
      other.client.payments.methods.pay.mutate({
        paymentId: theirs.paymentId,
        clientSecret: theirs.clientSecret,
        paymentMethodId: saved.id,
      }),
    );
    expect(err.data?.code).toBe("NOT_FOUND");
    expect(err.data?.field).toBe("paymentMethodId");
    expect(methodsApi.callsMatching(new RegExp(`/v1/payment_intents/${theirs.intentId}`))).toHaveLength(0);
    const remove = await failure(other.client.payments.methods.remove.mutate({ paymentMethodId: saved.id }));
    expect(remove.data?.field).toBe("paymentMethodId");
  });
});

describe("removing and forgetting", () => {
  test("remove detaches the method at Stripe", async () => {
    const { me, saved } = await shopperWithCard();
    const [row] = await svc.deps.db.orm.select().from(savedMethods).where(eq(savedMethods.id, saved.id));
    expect(await me.client.payments.methods.remove.mutate({ paymentMethodId: saved.id })).toEqual({ removed: true });
    expect(methodsApi.callsTo("POST", `/v1/payment_methods/${row?.providerMethodId}/detach`)).toHaveLength(1);
    expect(methodsApi.methods.get(row?.providerMethodId ?? "")?.customer).toBeNull();
    expect(await me.client.payments.methods.list.query()).toEqual([]);
  });

  test("identity.user.deleted.v1 detaches every method, deletes the Customer and forgets both", async () => {
    const { me } = await shopperWithCard();
    const second = await me.client.payments.methods.startSetup.mutate();
    methodsApi.saveCard(second.setupIntentId, { brand: "amex", last4: "0005", exp_month: 1, exp_year: 2032 });
    await me.client.payments.methods.recordSetup.mutate({ setupIntentId: second.setupIntentId });
    const rows = await svc.deps.db.orm.select().from(savedMethods).where(eq(savedMethods.userId, me.id));
    expect(rows).toHaveLength(2);
    const [customer] = await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id));

    await svc.deps.bus.publish(UserDeleted, { userId: me.id, email: me.email, deletedAt: new Date().toISOString() });

    const deadline = Date.now() + 10_000;
    while ((await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id))).length > 0) {
      if (Date.now() > deadline) throw new Error("the customer was not forgotten");
      await Bun.sleep(50);
    }
    for (const r of rows) expect(methodsApi.methods.get(r.providerMethodId)?.customer).toBeNull();
    expect(methodsApi.customers.get(customer?.customerId ?? "")?.deleted).toBe(true);
    expect(await svc.deps.db.orm.select().from(savedMethods).where(eq(savedMethods.userId, me.id))).toEqual([]);
  });
});
