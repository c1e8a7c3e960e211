import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, sum } from "drizzle-orm";
import { giftCardLedger, giftCards } from "../src/db/schema.ts";
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
 * Gift cards (#27) over real HTTP against a real payments process (libSQL file, NATS, Redis):
 * issue, hold at checkout (full and partial, the rest by card), commit, release, refund to the
 * card, disable, adjust, who may do what, and 50 concurrent redemptions of one card.
 */
let infra: Awaited<ReturnType<typeof startInfra>>;
let svc: PaymentsUnderTest;
let staff: ReturnType<typeof publicClient>;

beforeAll(async () => {
  infra = await startInfra();
  svc = await startPayments(infra);
  staff = publicClient(
    svc.url,
    await infra.issuer.sign({ sub: "staff-gc", email: "staff-gc@example.com", role: "manager" }),
  );
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  await infra?.dispose();
});

let users = 0;
async function shopper(role = "customer") {
  users += 1;
  const id = `user-gc-${Date.now().toString(36)}-${users}`;
  const email = `${id}@example.com`;
  return { id, email, client: publicClient(svc.url, await infra.issuer.sign({ sub: id, email, role })) };
}

async function issue(amount: number, recipientEmail = "friend@example.com") {
  return staff.payments.giftCards.admin.issue.mutate({
    amount,
    currency: "EUR",
    recipientEmail,
    recipientName: "A friend",
    message: "Happy birthday",
    reason: "goodwill for a late parcel",
  });
}

/** The card's stored balance and the sum of its ledger: they must always agree. */
async function books(cardId: string) {
  const [card] = await svc.deps.db.orm.select().from(giftCards).where(eq(giftCards.id, cardId));
  const [ledger] = await svc.deps.db.orm
    .select({ total: sum(giftCardLedger.amount) })
    .from(giftCardLedger)
    .where(eq(giftCardLedger.cardId, cardId));
  return { balance: card?.balance, ledger: Number(ledger?.total ?? 0) };
}

const orders = () => internalClient(svc.url).payments.giftCards.internal;

describe("issuing", () => {
  test("staff issue a card: the code is shown once, only its hash and last four are stored", async () => {
    const { card, code } = await issue(5000);
    expect(code).toMatch(/^GC(-[0-9A-HJKMNP-TV-Z]{1,4}){7}$/);
    expect(card).toMatchObject({ balance: 5000, initialAmount: 5000, currency: "EUR", status: "active" });
    expect(card.last4).toBe(code.replaceAll("-", "").slice(-4));
    expect(JSON.stringify(card)).not.toContain(code.slice(3));
    const [row] = await svc.deps.db.orm.select().from(giftCards).where(eq(giftCards.id, card.id));
    expect(row?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const { ledger } = await staff.payments.giftCards.admin.byId.query({ cardId: card.id });
    expect(ledger).toMatchObject([{ kind: "issue", amount: 5000, balanceAfter: 5000, actorId: "staff-gc" }]);
    // The code is the credential: typed in lower case without dashes it still finds the card.
    const typed = code.toLowerCase().replaceAll("-", "");
    expect(await publicClient(svc.url).payments.giftCards.balance.mutate({ code: typed })).toEqual({
      last4: card.last4,
      currency: "EUR",
      balance: 5000,
      status: "active",
    });
  });

  test("an amount outside the currency's range is refused naming amount, and nothing is written", async () => {
    const before = await staff.payments.giftCards.admin.list.query({ query: "tiny@example.com" });
    const err = await failure(
      staff.payments.giftCards.admin.issue.mutate({
        amount: 100,
        currency: "EUR",
        recipientEmail: "tiny@example.com",
        recipientName: "Tiny",
        reason: "a test of the minimum",
      }),
    );
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.data?.field).toBe("amount");
    expect(await staff.payments.giftCards.admin.list.query({ query: "tiny@example.com" })).toEqual(before);
  });

  test("a paid order's gift-card line issues one card, however often orders asks", async () => {
    const buyer = await shopper();
    const orderId = newOrderId();
    const line = {
      orderId,
      lineId: "line-1",
      purchaserUserId: buyer.id,
      amount: 2500,
      currency: "EUR" as const,
      recipientEmail: "Recipient-GC@Example.com",
      recipientName: "Recipient",
      message: "For you",
    };
    const first = await orders().issueForOrder.mutate(line);
    const again = await orders().issueForOrder.mutate(line);
    expect(first.created).toBe(true);
    expect(again).toEqual({ card: first.card, created: false });
    expect(JSON.stringify(first)).not.toMatch(/GC-/);
    expect(first.card).toMatchObject({
      orderId,
      purchaserUserId: buyer.id,
      recipientEmail: "recipient-gc@example.com",
    });
    // The buyer sees it in the account; so does the recipient, by their email.
    expect((await buyer.client.payments.giftCards.mine.query()).map((c) => c.id)).toEqual([first.card.id]);
    const recipient = publicClient(
      svc.url,
      await infra.issuer.sign({ sub: "recipient-gc", email: "recipient-gc@example.com" }),
    );
    expect((await recipient.payments.giftCards.mine.query()).map((c) => c.id)).toEqual([first.card.id]);
  });
});

describe("spending at checkout", () => {
  test("one card across two orders: one paid in full, one partly with a card payment; the balance is exact", async () => {
    const { card, code } = await issue(5000);

    // Order 1: 30.00, all of it on the card.
    const order1 = newOrderId();
    const hold1 = await orders().hold.mutate({ orderId: order1, code, amount: 3000, currency: "EUR" });
    expect(hold1).toMatchObject({ amount: 3000, status: "held", balance: 2000, cardId: card.id });
    // A retried checkout step holds once.
    expect(await orders().hold.mutate({ orderId: order1, code, amount: 3000, currency: "EUR" })).toMatchObject({
      holdId: hold1.holdId,
      amount: 3000,
    });
    expect(await orders().commit.mutate({ orderId: order1 })).toMatchObject([{ status: "committed", amount: 3000 }]);

    // Order 2: 45.00; the card covers 20.00, the card payment the other 25.00.
    const order2 = newOrderId();
    const hold2 = await orders().hold.mutate({ orderId: order2, code, amount: 4500, currency: "EUR" });
    expect(hold2).toMatchObject({ amount: 2000, balance: 0 });
    const intent = await internalClient(svc.url).payments.internal.createIntent.mutate({
      orderId: order2,
      userId: null,
      email: "shopper@example.com",
      amount: 4500 - hold2.amount,
      currency: "EUR",
    });
    const paid = await publicClient(svc.url).payments.confirmTest.mutate({
      paymentId: intent.paymentId,
      clientSecret: intent.clientSecret,
      card: "4242 4242 4242 4242",
    });
    expect(paid).toMatchObject({ status: "succeeded" });
    await orders().commit.mutate({ orderId: order2 });

    expect(await books(card.id)).toEqual({ balance: 0, ledger: 0 });
    const empty = await failure(orders().hold.mutate({ orderId: newOrderId(), code, amount: 100, currency: "EUR" }));
    expect(empty.data?.code).toBe("CONFLICT");
    expect(empty.data?.field).toBe("code");

    // A refund of order 1 credits the card, once per key, never more than the order took.
    await orders().refund.mutate({ orderId: order1, amount: 1000, idempotencyKey: "r1" });
    await orders().refund.mutate({ orderId: order1, amount: 1000, idempotencyKey: "r1" });
    const tooMuch = await failure(orders().refund.mutate({ orderId: order1, amount: 2500, idempotencyKey: "r2" }));
    expect(tooMuch.data?.field).toBe("amount");
    expect(await books(card.id)).toEqual({ balance: 1000, ledger: 1000 });

    const { ledger } = await staff.payments.giftCards.admin.byId.query({ cardId: card.id });
    expect(ledger.map((e) => [e.kind, e.amount, e.balanceAfter])).toEqual([
      ["issue", 5000, 5000],
      ["hold", -3000, 2000],
      ["hold", -2000, 0],
      ["refund", 1000, 1000],
    ]);
  });

  test("an order that fails gives its hold back; a committed hold is not released", async () => {
    const { card, code } = await issue(4000);
    const failed = newOrderId();
    await orders().hold.mutate({ orderId: failed, code, amount: 1500, currency: "EUR" });
    expect(await books(card.id)).toEqual({ balance: 2500, ledger: 2500 });
    expect(await orders().release.mutate({ orderId: failed })).toMatchObject([{ status: "released" }]);
    await orders().release.mutate({ orderId: failed });
    expect(await books(card.id)).toEqual({ balance: 4000, ledger: 4000 });

    const paid = newOrderId();
    await orders().hold.mutate({ orderId: paid, code, amount: 1000, currency: "EUR" });
    await orders().commit.mutate({ orderId: paid });
    expect(await orders().release.mutate({ orderId: paid })).toMatchObject([{ status: "committed" }]);
    expect(await books(card.id)).toEqual({ balance: 3000, ledger: 3000 });
  });

  test("a disabled card, an unknown code or another currency is refused naming code, writing nothing", async () => {
    const { card, code } = await issue(3000);
    await staff.payments.giftCards.admin.disable.mutate({ cardId: card.id, reason: "reported stolen" });
    const disabled = await failure(orders().hold.mutate({ orderId: newOrderId(), code, amount: 500, currency: "EUR" }));
    expect(disabled.data?.code).toBe("BAD_REQUEST");
    expect(disabled.data?.field).toBe("code");
    expect(disabled.message).toContain("disabled");
    expect(await books(card.id)).toEqual({ balance: 3000, ledger: 3000 });

    const unknown = await failure(
      orders().hold.mutate({
        orderId: newOrderId(),
        code: "GC-0000-0000-0000-0000-0000-0000-00",
        amount: 500,
        currency: "EUR",
      }),
    );
    expect(unknown.data?.code).toBe("NOT_FOUND");
    expect(unknown.data?.field).toBe("code");

    const other = await issue(3000);
    const currency = await failure(
      orders().hold.mutate({ orderId: newOrderId(), code: other.code, amount: 500, currency: "USD" }),
    );
    expect(currency.data?.field).toBe("code");
    expect(await books(other.card.id)).toEqual({ balance: 3000, ledger: 3000 });
  });

  test("50 concurrent redemptions of one card never overspend it, and the ledger sums to the balance", async () => {
    const { card, code } = await issue(10_000);
    const client = orders();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        client.hold.mutate({ orderId: newOrderId(), code, amount: 250, currency: "EUR" }),
      ),
    );
    const held = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(held.length).toBe(40);
    expect(held.reduce((total, h) => total + h.amount, 0)).toBe(10_000);
    expect(held.every((h) => h.balance >= 0)).toBe(true);
    expect(refused.length).toBe(10);
    for (const err of refused) expect(err).toMatchObject({ data: { code: "CONFLICT", field: "code" } });
    expect(await books(card.id)).toEqual({ balance: 0, ledger: 0 });
  }, 60_000);
});

describe("staff adjustments", () => {
  test("adjust with a reason, in the ledger; never below zero", async () => {
    const { card } = await issue(2000);
    const up = await staff.payments.giftCards.admin.adjust.mutate({
      cardId: card.id,
      amount: 700,
      reason: "price match",
    });
    expect(up.balance).toBe(2700);
    const below = await failure(
      staff.payments.giftCards.admin.adjust.mutate({ cardId: card.id, amount: -3000, reason: "too much" }),
    );
    expect(below.data?.code).toBe("BAD_REQUEST");
    expect(below.data?.field).toBe("amount");
    const noReason = await failure(
      staff.payments.giftCards.admin.adjust.mutate({ cardId: card.id, amount: -5, reason: "" }),
    );
    expect(noReason.data?.field).toBe("reason");
    expect(await books(card.id)).toEqual({ balance: 2700, ledger: 2700 });
    const { ledger } = await staff.payments.giftCards.admin.byId.query({ cardId: card.id });
    expect(ledger.at(-1)).toMatchObject({ kind: "adjust", amount: 700, reason: "price match", actorId: "staff-gc" });
  });
});

describe("who may do what", () => {
  test("staff procedures need giftcards.manage: 401 signed out, 403 naming the permission otherwise", async () => {
    const { card } = await issue(1000);
    const customer = await shopper();
    const support = await shopper("support");
    for (const who of [customer, support]) {
      const err = await failure(who.client.payments.giftCards.admin.byId.query({ cardId: card.id }));
      expect(err.data?.code).toBe("FORBIDDEN");
      expect(err.data?.field).toBe("permission");
      const adjust = await failure(
        who.client.payments.giftCards.admin.adjust.mutate({ cardId: card.id, amount: 100_000, reason: "for me" }),
      );
      expect(adjust.data?.code).toBe("FORBIDDEN");
    }
    const anonymous = await failure(publicClient(svc.url).payments.giftCards.admin.list.query({}));
    expect(anonymous.data?.code).toBe("UNAUTHORIZED");
    expect(await books(card.id)).toEqual({ balance: 1000, ledger: 1000 });
  });

  test("shoppers see only their own cards and cannot call checkout's steps", async () => {
    const { code } = await issue(1500, "owner-gc@example.com");
    const stranger = await shopper();
    expect(await stranger.client.payments.giftCards.mine.query()).toEqual([]);
    const hold = await failure(
      stranger.client.payments.giftCards.internal.hold.mutate({
        orderId: newOrderId(),
        code,
        amount: 1500,
        currency: "EUR",
      }),
    );
    expect(hold.data?.code).toBe("UNAUTHORIZED");
    expect(await failure(publicClient(svc.url).payments.giftCards.mine.query())).toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });
});
