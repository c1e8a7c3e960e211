import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  availableOf,
  checkoutInput,
  eventually,
  failure,
  freshSkus,
  guestCart,
  type Platform,
  setStock,
  startPlatform,
} from "./platform.ts";

/**
 * Gift cards at checkout (#27), through the real saga: identity, catalog, inventory, cart,
 * payments (test provider, gift cards) and orders each in their own process on private NATS and
 * Redis. A short stock hold lets an unpaid order expire within the test.
 */
const RESERVATION_TTL_MS = 4_000;

let p: Platform;
let freshSku: (stock: number) => Promise<string>;

type CheckoutAnswer = Awaited<ReturnType<typeof checkoutWith>>;

beforeAll(async () => {
  p = await startPlatform({
    env: {
      inventory: {
        RESERVATION_TTL_MS: String(RESERVATION_TTL_MS),
        GUEST_RESERVATION_TTL_MS: String(RESERVATION_TTL_MS),
        EXPIRY_SWEEP_MS: "200",
      },
    },
  });
  freshSku = await freshSkus(p, 12);
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

let cards = 0;
/** A card issued by staff (the shop's own path, like a bought one), with its code. */
async function issueCard(amount: number) {
  cards += 1;
  return p.admin.payments.payments.giftCards.admin.issue.mutate({
    amount,
    currency: "EUR",
    recipientEmail: `gift-${Date.now().toString(36)}-${cards}@example.com`,
    recipientName: "A friend",
    message: "Enjoy",
    reason: "gift card checkout test",
  });
}

const balanceOf = async (code: string) => (await p.shop.payments.payments.giftCards.balance.mutate({ code })).balance;

async function checkoutWith(lines: { sku: string; quantity: number }[], email: string, giftCardCode?: string) {
  const input = { ...checkoutInput(email, await guestCart(p, lines)), ...(giftCardCode ? { giftCardCode } : {}) };
  return p.shop.orders().orders.checkout.mutate(input);
}

const view = (placed: CheckoutAnswer) =>
  p.shop.orders(undefined, { "x-order-token": placed.accessToken }).orders.byId.query({ orderId: placed.orderId });

async function until(placed: CheckoutAnswer, check: (o: Awaited<ReturnType<typeof view>>) => boolean, ms?: number) {
  return eventually(async () => {
    const o = await view(placed);
    return check(o) ? o : undefined;
  }, ms);
}

/** The holds payments keeps for the order (what orders asked of the card). */
const holdsOf = (orderId: string) => p.internal.payments.payments.giftCards.internal.byOrder.query({ orderId });

describe("a gift card spent across two orders", () => {
  test("one order paid by the card alone, one partly by the card and the rest by card payment", async () => {
    const issued = await issueCard(50_000);
    const { code } = issued;

    // Order A: the card covers the whole total, so it is paid without any card payment.
    const skuA = await freshSku(5);
    const a = await checkoutWith([{ sku: skuA, quantity: 1 }], "gift-a@example.com", code);
    expect(a.totals.currency).toBe("EUR");
    expect(a.totals.total).toBeLessThanOrEqual(50_000);
    const paidA = await until(a, (o) => o.paymentStatus === "PAID");
    expect(paidA.status).toBe("PLACED");
    expect(paidA.giftCard).toEqual({ cardId: issued.card.id, last4: issued.card.last4, amount: a.totals.total });
    expect(paidA.payment?.provider).toBe("gift-card");
    expect(paidA.paidAmount).toBe(a.totals.total);
    expect(await balanceOf(code)).toBe(50_000 - a.totals.total);
    await eventually(async () => ((await holdsOf(a.orderId))[0]?.status === "committed" ? true : undefined));
    // The stock it held is committed like any paid order's.
    await eventually(async () => ((await availableOf(p, skuA)) === 4 ? true : undefined));

    // Staff leave 300 on the card, so the next order's total is more than it.
    const left = 50_000 - a.totals.total;
    await p.admin.payments.payments.giftCards.admin.adjust.mutate({
      cardId: issued.card.id,
      amount: 300 - left,
      reason: "test: leave a small balance",
    });
    expect(await balanceOf(code)).toBe(300);

    // Order B: the card pays 300, the card payment the rest, for exactly that amount.
    const skuB = await freshSku(5);
    const b = await checkoutWith([{ sku: skuB, quantity: 2 }], "gift-b@example.com", code);
    expect(b.totals.total).toBeGreaterThan(300);
    expect(await balanceOf(code)).toBe(0);
    const awaiting = await until(b, (o) => o.payment?.clientSecret != null);
    expect(awaiting.giftCard).toMatchObject({ last4: issued.card.last4, amount: 300 });
    const payment = await p.internal.payments.payments.internal.byOrder.query({ orderId: b.orderId });
    expect(payment?.amount).toBe(b.totals.total - 300);
    if (!awaiting.payment?.clientSecret) throw new Error("no payment to confirm");
    await p.shop.payments.payments.confirmTest.mutate({
      paymentId: awaiting.payment.paymentId,
      clientSecret: awaiting.payment.clientSecret,
      card: "4242424242424242",
    });
    const paidB = await until(b, (o) => o.paymentStatus === "PAID");
    // Card payment + gift card = total.
    expect(paidB.paidAmount).toBe(b.totals.total);
    await eventually(async () => ((await holdsOf(b.orderId))[0]?.status === "committed" ? true : undefined));

    // The ledger sums to the balance: issued, held by A, adjusted, held by B.
    const card = await p.admin.payments.payments.giftCards.admin.byId.query({ cardId: issued.card.id });
    expect(card.card.balance).toBe(0);
    expect(card.ledger.map((e) => `${e.kind} ${e.amount}`).sort()).toEqual(
      [`issue ${50_000}`, `hold ${-a.totals.total}`, `adjust ${300 - left}`, `hold ${-300}`].sort(),
    );
  }, 60_000);
});

describe("an order that is not paid gives its hold back", () => {
  test("the stock hold expires before payment: CANCELLED, the card's balance restored", async () => {
    const { code } = await issueCard(500);
    const sku = await freshSku(5);
    const placed = await checkoutWith([{ sku, quantity: 1 }], "gift-expire@example.com", code);
    expect(await balanceOf(code)).toBe(0);
    const o = await until(placed, (v) => v.status === "CANCELLED", RESERVATION_TTL_MS + 10_000);
    expect(o.cancellation?.by).toBe("system");
    await eventually(async () => ((await balanceOf(code)) === 500 ? true : undefined));
    expect((await holdsOf(placed.orderId)).map((h) => h.status)).toEqual(["released"]);
  }, 30_000);

  test("stock runs out: the order is cancelled and the hold released", async () => {
    const { code } = await issueCard(50_000);
    const sku = await freshSku(5);
    const token = await guestCart(p, [{ sku, quantity: 2 }]);
    await setStock(p, sku, 1);
    const placed = await p.shop
      .orders()
      .orders.checkout.mutate({ ...checkoutInput("gift-short@example.com", token), giftCardCode: code });
    await until(placed, (v) => v.status === "CANCELLED");
    await eventually(async () => ((await balanceOf(code)) === 50_000 ? true : undefined));
  }, 30_000);

  test("the shopper releases the unpaid order: the hold goes back, once", async () => {
    const { code } = await issueCard(500);
    const sku = await freshSku(5);
    const placed = await checkoutWith([{ sku, quantity: 1 }], "gift-release@example.com", code);
    await until(placed, (v) => v.payment !== null);
    const asGuest = p.shop.orders(undefined, { "x-order-token": placed.accessToken });
    await asGuest.orders.releasePending.mutate({ orderId: placed.orderId });
    await asGuest.orders.releasePending.mutate({ orderId: placed.orderId });
    expect(await balanceOf(code)).toBe(500);
  }, 30_000);
});

describe("a bad gift card code", () => {
  test("an unknown code is a 4xx naming giftCardCode, and no order is placed", async () => {
    const sku = await freshSku(5);
    const email = "gift-unknown@example.com";
    const err = await failure(checkoutWith([{ sku, quantity: 1 }], email, "GC-0000000000000000000000000"));
    expect(err.data?.field).toBe("giftCardCode");
    expect(await availableOf(p, sku)).toBe(5);
  });

  test("a malformed code is a 400 naming giftCardCode", async () => {
    const sku = await freshSku(5);
    const err = await failure(checkoutWith([{ sku, quantity: 1 }], "gift-bad@example.com", "not a code!"));
    expect(err.data).toMatchObject({ code: "BAD_REQUEST", field: "giftCardCode" });
  });
});

describe("a refund of an order a gift card paid for goes back to the card first (#27)", () => {
  /** A paid order of two units whose gift card paid `onCard`, the card payment the rest. */
  async function paidWithBoth(onCard: number, email: string) {
    // Cards are issued from 500; staff leave `onCard` on it so the order's total is more than it.
    const issued = await issueCard(500);
    await p.admin.payments.payments.giftCards.admin.adjust.mutate({
      cardId: issued.card.id,
      amount: onCard - 500,
      reason: "test: leave a small balance",
    });
    const sku = await freshSku(5);
    const placed = await checkoutWith([{ sku, quantity: 2 }], email, issued.code);
    expect(placed.totals.total).toBeGreaterThan(onCard);
    const awaiting = await until(placed, (o) => o.payment?.clientSecret != null);
    if (!awaiting.payment?.clientSecret) throw new Error("no payment to confirm");
    await p.shop.payments.payments.confirmTest.mutate({
      paymentId: awaiting.payment.paymentId,
      clientSecret: awaiting.payment.clientSecret,
      card: "4242424242424242",
    });
    await until(placed, (o) => o.paymentStatus === "PAID");
    await eventually(async () => ((await holdsOf(placed.orderId))[0]?.status === "committed" ? true : undefined));
    return { placed, issued };
  }
  const cardPayment = (orderId: string) => p.internal.payments.payments.internal.byOrder.query({ orderId });
  const refund = (orderId: string, amount: number, idempotencyKey: string) =>
    p.admin.orders.orders.admin.refund.mutate({ orderId, amount, reason: "goodwill", idempotencyKey });

  test("refunds split exactly between the card and the card payment; a retried refund moves nothing", async () => {
    const { placed, issued } = await paidWithBoth(300, "gift-refund@example.com");
    const { orderId } = placed;
    const total = placed.totals.total;
    expect(await balanceOf(issued.code)).toBe(0);

    // 200: all of it back onto the gift card, nothing asked of the card payment.
    const first = await refund(orderId, 200, "refund-split-0001");
    expect(first.refunds.map((r) => [r.to, r.amount])).toEqual([["gift_card", 200]]);
    expect(await balanceOf(issued.code)).toBe(200);
    expect((await cardPayment(orderId))?.refundedTotal).toBe(0);

    // The same click again (same key): nothing more moves anywhere.
    const again = await refund(orderId, 200, "refund-split-0001");
    expect(again.refundedTotal).toBe(200);
    expect(await balanceOf(issued.code)).toBe(200);

    // 500: the card's last 100, then 400 from the card payment.
    const second = await refund(orderId, 500, "refund-split-0002");
    expect(second.refunds.map((r) => `${r.to} ${r.amount}`).sort()).toEqual(
      ["gift_card 200", "gift_card 100", "card 400"].sort(),
    );
    expect(second.refundedTotal).toBe(700);
    expect(second.paymentStatus).toBe("PARTIALLY_REFUNDED");
    expect(await balanceOf(issued.code)).toBe(300);
    expect((await cardPayment(orderId))?.refundedTotal).toBe(400);

    // Cancelling the (unshipped) order refunds what is left, all of it to the card payment now.
    const cancelled = await p.admin.orders.orders.admin.cancel.mutate({ orderId, reason: "changed mind" });
    expect(cancelled.status).toBe("CANCELLED");
    const done = await until(placed, (o) => o.paymentStatus === "REFUNDED");
    expect(done.refundedTotal).toBe(total);
    expect((await cardPayment(orderId))?.refundedTotal).toBe(total - 300);
    expect(await balanceOf(issued.code)).toBe(300);

    // The gift card's ledger: issued, held, and the two refunds of this order, summing to its balance.
    const card = await p.admin.payments.payments.giftCards.admin.byId.query({ cardId: issued.card.id });
    expect(card.ledger.map((e) => `${e.kind} ${e.amount}`).sort()).toEqual(
      ["issue 500", "adjust -200", "hold -300", "refund 200", "refund 100"].sort(),
    );
    expect(card.ledger.reduce((n, e) => n + e.amount, 0)).toBe(card.card.balance);
    // Nothing more is refundable: the order is refunded in full, and says so.
    const err = await failure(refund(orderId, 1, "refund-split-0003"));
    expect(err.data?.field).toBe("paymentStatus");
  }, 60_000);

  test("an order the gift card paid alone is cancelled: the whole total goes back onto the card", async () => {
    const issued = await issueCard(50_000);
    const sku = await freshSku(5);
    const placed = await checkoutWith([{ sku, quantity: 1 }], "gift-cancel@example.com", issued.code);
    await until(placed, (o) => o.paymentStatus === "PAID");
    await eventually(async () => ((await holdsOf(placed.orderId))[0]?.status === "committed" ? true : undefined));
    expect(await balanceOf(issued.code)).toBe(50_000 - placed.totals.total);

    const cancelled = await p.admin.orders.orders.admin.cancel.mutate({ orderId: placed.orderId, reason: "no stock" });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.paymentStatus).toBe("REFUNDED");
    expect(cancelled.refunds.map((r) => [r.to, r.amount])).toEqual([["gift_card", placed.totals.total]]);
    expect(await balanceOf(issued.code)).toBe(50_000);
    // No card payment was ever made or refunded for it.
    expect((await failure(cardPayment(placed.orderId))).data?.code).toBe("NOT_FOUND");
  }, 30_000);
});
