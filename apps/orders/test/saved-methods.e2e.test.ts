import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { PaymentStatus } from "@mercato/orders/contract";
import type { PaymentsRouter } from "@mercato/payments";
import {
  checkoutInput,
  clientFor,
  eventually,
  failure,
  freshSkus,
  guestCart,
  type Platform,
  startPlatform,
  type TokenSource,
} from "./platform.ts";

/**
 * Saved payment methods end to end (#20), every service in its own process with the test
 * provider: a shopper signed up at identity saves a test card at payments, checks out paying with
 * it (no card typed) or picks it at the pay step; nobody else can use it, at checkout either.
 */
let p: Platform;
let freshSku: (stock: number) => Promise<string>;

beforeAll(async () => {
  p = await startPlatform();
  freshSku = await freshSkus(p, 8);
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

const payments = (token?: TokenSource) => clientFor<PaymentsRouter>(p.urls.payments, { token });
const VISA = { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" };

async function shopperWithCart(card = VISA) {
  const shopper = await p.signUp();
  const saved = await payments(shopper.getToken).payments.methods.setupTest.mutate({ card });
  await p.shop.cart(shopper.getToken).cart.addItem.mutate({ sku: await freshSku(5), quantity: 1 });
  return { shopper, saved };
}

/** The order once its payment status is `status` (and, while awaiting, once there is a payment to confirm). */
function statusOf(token: TokenSource, orderId: string, status: PaymentStatus) {
  return eventually(async () => {
    const o = await p.shop.orders(token).orders.byId.query({ orderId });
    return o.paymentStatus === status && (status !== "AWAITING" || o.payment) ? o : undefined;
  }, 15_000);
}

describe("paying with a saved test card", () => {
  test("checkout with a saved card: the order is PAID without a card being typed", async () => {
    const { shopper, saved } = await shopperWithCart();
    expect(await payments(shopper.getToken).payments.methods.list.query()).toEqual([saved]);
    const placed = await p.shop
      .orders(shopper.getToken)
      .orders.checkout.mutate({ ...checkoutInput(shopper.email), paymentMethodId: saved.id });
    const paid = await statusOf(shopper.getToken, placed.orderId, "PAID");
    expect(paid.totals.total).toBeGreaterThan(0);
    const payment = await p.internal.payments.payments.internal.byOrder.query({ orderId: placed.orderId });
    expect(payment).toMatchObject({ status: "succeeded", attempts: 1, amount: paid.totals.total });
  });

  test("the pay step: an order awaiting payment is paid with the saved card", async () => {
    const { shopper, saved } = await shopperWithCart();
    const placed = await p.shop.orders(shopper.getToken).orders.checkout.mutate(checkoutInput(shopper.email));
    const awaiting = await statusOf(shopper.getToken, placed.orderId, "AWAITING");
    const secret = awaiting.payment?.clientSecret;
    if (!awaiting.payment || !secret) throw new Error("no payment to confirm");
    const answer = await payments(shopper.getToken).payments.methods.pay.mutate({
      paymentId: awaiting.payment.paymentId,
      clientSecret: secret,
      paymentMethodId: saved.id,
    });
    expect(answer).toEqual({ status: "succeeded" });
    await statusOf(shopper.getToken, placed.orderId, "PAID");
  });

  test("a saved 3-D Secure card at checkout still asks for the step; approving it pays the order", async () => {
    const { shopper, saved } = await shopperWithCart({ number: "4000 0000 0000 3220", expiry: "10/33", cvc: "123" });
    const placed = await p.shop
      .orders(shopper.getToken)
      .orders.checkout.mutate({ ...checkoutInput(shopper.email), paymentMethodId: saved.id });
    const awaiting = await statusOf(shopper.getToken, placed.orderId, "AWAITING");
    await eventually(async () => {
      const pay = await p.internal.payments.payments.internal.byOrder.query({ orderId: placed.orderId });
      return pay.status === "requires_action" ? pay : undefined;
    }, 10_000);
    const secret = awaiting.payment?.clientSecret;
    if (!awaiting.payment || !secret) throw new Error("no payment to confirm");
    await payments().payments.completeTestAction.mutate({
      paymentId: awaiting.payment.paymentId,
      clientSecret: secret,
      approve: true,
    });
    await statusOf(shopper.getToken, placed.orderId, "PAID");
  });
});

describe("only the owner uses a saved method", () => {
  test("another user's method at checkout is a 404 naming paymentMethodId, and no order is placed", async () => {
    const { saved } = await shopperWithCart();
    const stranger = await p.signUp();
    await p.shop.cart(stranger.getToken).cart.addItem.mutate({ sku: await freshSku(5), quantity: 1 });
    const refused = await failure(
      p.shop
        .orders(stranger.getToken)
        .orders.checkout.mutate({ ...checkoutInput(stranger.email), paymentMethodId: saved.id }),
    );
    expect(refused.data?.code).toBe("NOT_FOUND");
    expect(refused.data?.field).toBe("paymentMethodId");
    const mine = await p.shop.orders(stranger.getToken).orders.mine.query({ limit: 10 });
    expect(mine.items).toEqual([]);
  });

  test("a guest cannot check out with a saved method", async () => {
    const { saved } = await shopperWithCart();
    const cartToken = await guestCart(p, [{ sku: await freshSku(5), quantity: 1 }]);
    const refused = await failure(
      p.shop
        .orders()
        .orders.checkout.mutate({ ...checkoutInput("guest@example.com", cartToken), paymentMethodId: saved.id }),
    );
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(refused.data?.field).toBe("paymentMethodId");
  });
});
