import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { UserDeleted } from "@mercato/events";
import { eq } from "drizzle-orm";
import { ANONYMIZED_EMAIL } from "../src/app/saved-methods.ts";
import { customers, payments, savedMethods } from "../src/db/schema.ts";
import {
  failure,
  internalClient,
  newOrderId,
  type PaymentsUnderTest,
  publicClient,
  startInfra,
  startPayments,
} from "./harness.ts";

/** Saved payment methods with the test provider (#20): save, list, pay without typing, remove, deletion. */
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

let users = 0;
async function shopper() {
  users += 1;
  const id = `user-cards-${Date.now().toString(36)}-${users}`;
  const email = `${id}@example.com`;
  return { id, email, client: publicClient(svc.url, await infra.issuer.sign({ sub: id, email })) };
}

async function newPayment(userId: string | null, email = "shopper@example.com") {
  const orderId = newOrderId();
  const intent = await internalClient(svc.url).payments.internal.createIntent.mutate({
    orderId,
    userId,
    email,
    amount: 4200,
    currency: "EUR",
  });
  return { orderId, ...intent };
}

const VISA = { number: "4242 4242 4242 4242", expiry: "12 / 34", cvc: "123" };
const THREE_DS = { number: "4000 0000 0000 3220", expiry: "11/30", cvc: "123" };

describe("saving a test card", () => {
  test("saves the card and lists brand, last 4 and expiry, never the number", async () => {
    const me = await shopper();
    const saved = await me.client.payments.methods.setupTest.mutate({ card: VISA });
    expect(saved).toMatchObject({ provider: "test", brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 });
    expect(saved.id).toStartWith("spm_");
    const list = await me.client.payments.methods.list.query();
    expect(list).toEqual([saved]);
    expect(JSON.stringify(list)).not.toContain("4242424242424242");
    // The account got its one test customer on first need.
    const rows = await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.customerId).toStartWith("cus_test_");
    await me.client.payments.methods.setupTest.mutate({
      card: { number: "5555 5555 5555 4444", expiry: "01/31", cvc: "123" },
    });
    const two = await me.client.payments.methods.list.query();
    expect(two.map((m) => m.brand).sort()).toEqual(["mastercard", "visa"]);
    expect(await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id))).toHaveLength(1);
  });

  test("details are checked as confirmTest checks them, and a declining card is not saved", async () => {
    const me = await shopper();
    const luhn = await failure(
      me.client.payments.methods.setupTest.mutate({ card: { ...VISA, number: "4242 4242 4242 4241" } }),
    );
    expect(luhn.data?.code).toBe("BAD_REQUEST");
    expect(luhn.data?.field).toBe("card.number");
    const expired = await failure(me.client.payments.methods.setupTest.mutate({ card: { ...VISA, expiry: "01/20" } }));
    expect(expired.data?.field).toBe("card.expiry");
    expect(expired.message).toContain("expired_card");
    const cvc = await failure(me.client.payments.methods.setupTest.mutate({ card: { ...VISA, cvc: "12" } }));
    expect(cvc.data?.field).toBe("card.cvc");
    const declined = await failure(
      me.client.payments.methods.setupTest.mutate({ card: { ...VISA, number: "4000 0000 0000 0002" } }),
    );
    expect(declined.data?.field).toBe("card.number");
    expect(declined.message).toContain("card_declined");
    const noExpiry = await failure(
      me.client.payments.methods.setupTest.mutate({ card: { number: VISA.number, cvc: "123" } as never }),
    );
    expect(noExpiry.data?.field).toBe("card.expiry");
    expect(await me.client.payments.methods.list.query()).toEqual([]);
  });

  test("needs a signed-in user; Stripe's setup is refused naming the provider", async () => {
    const anonymous = publicClient(svc.url);
    const err = await failure(anonymous.payments.methods.list.query());
    expect(err.data?.code).toBe("UNAUTHORIZED");
    const me = await shopper();
    const stripe = await failure(me.client.payments.methods.startSetup.mutate());
    expect(stripe.data?.code).toBe("BAD_REQUEST");
    expect(stripe.data?.field).toBe("provider");
  });
});

describe("paying with a saved test card", () => {
  test("confirms without the card being typed and publishes payments.succeeded.v1", async () => {
    const me = await shopper();
    const card = await me.client.payments.methods.setupTest.mutate({ card: VISA });
    const pay = await newPayment(me.id);
    const answer = await me.client.payments.methods.pay.mutate({
      paymentId: pay.paymentId,
      clientSecret: pay.clientSecret,
      paymentMethodId: card.id,
    });
    expect(answer).toEqual({ status: "succeeded" });
    const events = await svc.events.waitFor(pay.orderId, 1);
    expect(events.map((e) => e.type)).toEqual(["payments.succeeded.v1"]);
    const [row] = await svc.deps.db.orm.select().from(payments).where(eq(payments.id, pay.paymentId));
    expect(row?.status).toBe("succeeded");
    // Paid: a second use is refused as any payment attempt on a paid payment is.
    const again = await failure(
      me.client.payments.methods.pay.mutate({
        paymentId: pay.paymentId,
        clientSecret: pay.clientSecret,
        paymentMethodId: card.id,
      }),
    );
    expect(again.data?.code).toBe("CONFLICT");
    expect(again.data?.field).toBe("paymentId");
  });

  test("a saved 3-D Secure card still asks for the step, which completes the payment", async () => {
    const me = await shopper();
    const card = await me.client.payments.methods.setupTest.mutate({ card: THREE_DS });
    const pay = await newPayment(me.id);
    const ref = { paymentId: pay.paymentId, clientSecret: pay.clientSecret };
    expect(await me.client.payments.methods.pay.mutate({ ...ref, paymentMethodId: card.id })).toEqual({
      status: "requires_action",
    });
    expect(await me.client.payments.completeTestAction.mutate({ ...ref, approve: true })).toEqual({
      status: "succeeded",
    });
    const events = await svc.events.waitFor(pay.orderId, 1);
    expect(events.map((e) => e.type)).toEqual(["payments.succeeded.v1"]);
  });
});

describe("only the owner lists, uses or removes a method", () => {
  test("another user's method id is a 404 naming paymentMethodId, at removal and at checkout", async () => {
    const owner = await shopper();
    const other = await shopper();
    const card = await owner.client.payments.methods.setupTest.mutate({ card: VISA });
    expect(await other.client.payments.methods.list.query()).toEqual([]);

    const remove = await failure(other.client.payments.methods.remove.mutate({ paymentMethodId: card.id }));
    expect(remove.data?.code).toBe("NOT_FOUND");
    expect(remove.data?.field).toBe("paymentMethodId");

    // The other user's own order, paid with the owner's card: refused, nothing is attempted.
    const theirs = await newPayment(other.id);
    const pay = await failure(
      other.client.payments.methods.pay.mutate({
        paymentId: theirs.paymentId,
        clientSecret: theirs.clientSecret,
        paymentMethodId: card.id,
      }),
    );
    expect(pay.data?.code).toBe("NOT_FOUND");
    expect(pay.data?.field).toBe("paymentMethodId");
    const [row] = await svc.deps.db.orm.select().from(payments).where(eq(payments.id, theirs.paymentId));
    expect(row).toMatchObject({ status: "requires_payment", attempts: 0 });

    // The owner's card on someone else's order (even holding its secret): refused too.
    const foreign = await failure(
      owner.client.payments.methods.pay.mutate({
        paymentId: theirs.paymentId,
        clientSecret: theirs.clientSecret,
        paymentMethodId: card.id,
      }),
    );
    expect(foreign.data?.code).toBe("FORBIDDEN");
    expect(foreign.data?.field).toBe("paymentId");

    // A guest order has no account: no saved card pays it.
    const guest = await newPayment(null);
    const guestPay = await failure(
      owner.client.payments.methods.pay.mutate({
        paymentId: guest.paymentId,
        clientSecret: guest.clientSecret,
        paymentMethodId: card.id,
      }),
    );
    expect(guestPay.data?.field).toBe("paymentId");

    // The owner still has the card, and removes it.
    expect((await owner.client.payments.methods.list.query()).map((m) => m.id)).toEqual([card.id]);
    expect(await owner.client.payments.methods.remove.mutate({ paymentMethodId: card.id })).toEqual({
      removed: true,
    });
    expect(await owner.client.payments.methods.list.query()).toEqual([]);
    const gone = await failure(owner.client.payments.methods.remove.mutate({ paymentMethodId: card.id }));
    expect(gone.data?.field).toBe("paymentMethodId");
  });
});

describe("identity.user.deleted.v1", () => {
  test("deletes the user's methods, forgets the customer and takes the email off its payments", async () => {
    const me = await shopper();
    const bystander = await shopper();
    await me.client.payments.methods.setupTest.mutate({ card: VISA });
    await bystander.client.payments.methods.setupTest.mutate({ card: VISA });
    const own = await newPayment(me.id, me.email);
    const asGuest = await newPayment(null, me.email.toUpperCase());
    const others = await newPayment(bystander.id, bystander.email);

    await svc.deps.bus.publish(UserDeleted, { userId: me.id, email: me.email, deletedAt: new Date().toISOString() });

    const deadline = Date.now() + 10_000;
    while ((await svc.deps.db.orm.select().from(customers).where(eq(customers.userId, me.id))).length > 0) {
      if (Date.now() > deadline) throw new Error("the deleted user's customer was not forgotten");
      await Bun.sleep(50);
    }
    expect(await svc.deps.db.orm.select().from(savedMethods).where(eq(savedMethods.userId, me.id))).toEqual([]);
    const emailOf = async (id: string) =>
      (await svc.deps.db.orm.select().from(payments).where(eq(payments.id, id)))[0]?.email;
    expect(await emailOf(own.paymentId)).toBe(ANONYMIZED_EMAIL);
    expect(await emailOf(asGuest.paymentId)).toBe(ANONYMIZED_EMAIL);
    expect(await emailOf(others.paymentId)).toBe(bystander.email);
    // The bystander keeps their card and customer.
    expect(await bystander.client.payments.methods.list.query()).toHaveLength(1);
    // The amounts stay for the books.
    const [row] = await svc.deps.db.orm.select().from(payments).where(eq(payments.id, own.paymentId));
    expect(row?.amount).toBe(4200);
  });
});
