import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { RELEASED_TO_CART_REASON, releaseRefusal } from "../src/contract.ts";
import {
  availableOf,
  eventually,
  failure,
  freshSkus,
  guestCheckout,
  type Platform,
  startPlatform,
} from "./platform.ts";

/**
 * Back from payment and 3-D Secure after a reload (#21), through the real saga: identity,
 * catalog, inventory, cart, payments (test provider) and orders each in their own process on
 * private NATS and Redis.
 */
let p: Platform;
let freshSku: (stock: number) => Promise<string>;

type Placed = Awaited<ReturnType<typeof guestCheckout>>["placed"];

const asGuest = (placed: Placed) => p.shop.orders(undefined, { "x-order-token": placed.accessToken });
const view = (placed: Placed) => asGuest(placed).orders.byId.query({ orderId: placed.orderId });

async function awaitingPayment(placed: Placed) {
  const o = await eventually(async () => {
    const v = await view(placed);
    return v.paymentStatus === "AWAITING" && v.payment?.clientSecret ? v : undefined;
  });
  if (!o.payment?.clientSecret) throw new Error("no payment to confirm");
  return { paymentId: o.payment.paymentId, clientSecret: o.payment.clientSecret };
}

beforeAll(async () => {
  p = await startPlatform();
  freshSku = await freshSkus(p, 10);
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

describe("releasing a pending order from the pay step", () => {
  test("the guest releases it: CANCELLED by the shopper, stock back; again changes nothing", async () => {
    const sku = await freshSku(5);
    const { placed } = await guestCheckout(p, [{ sku, quantity: 2 }], "release@example.com");
    await awaitingPayment(placed);
    expect(await availableOf(p, sku)).toBe(3);

    const released = await asGuest(placed).orders.releasePending.mutate({ orderId: placed.orderId });
    expect(released).toMatchObject({ status: "CANCELLED", paymentStatus: "AWAITING" });
    expect(released.cancellation).toMatchObject({ reason: RELEASED_TO_CART_REASON, by: "shopper" });
    // The lines the storefront puts back in the cart.
    expect(released.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }))).toEqual([{ sku, quantity: 2 }]);
    await eventually(async () => ((await availableOf(p, sku)) === 5 ? true : undefined));

    const again = await asGuest(placed).orders.releasePending.mutate({ orderId: placed.orderId });
    expect(again.version).toBe(released.version);
    expect(await availableOf(p, sku)).toBe(5);
  });

  test("a stranger cannot release it (404, as for any order they may not see); the order stays", async () => {
    const sku = await freshSku(3);
    const { placed } = await guestCheckout(p, [{ sku, quantity: 1 }], "stranger@example.com");
    await awaitingPayment(placed);
    const err = await failure(p.shop.orders().orders.releasePending.mutate({ orderId: placed.orderId }));
    expect(err.data?.code).toBe("NOT_FOUND");
    expect((await view(placed)).status).toBe("PENDING");
  });

  test("a paid order is refused with a 409 naming its status, and nothing changes", async () => {
    const sku = await freshSku(3);
    const { placed } = await guestCheckout(p, [{ sku, quantity: 1 }], "paid@example.com");
    const payment = await awaitingPayment(placed);
    await p.shop.payments.payments.confirmTest.mutate({ ...payment, card: "4242424242424242" });
    await eventually(async () => ((await view(placed)).paymentStatus === "PAID" ? true : undefined));
    const err = await failure(asGuest(placed).orders.releasePending.mutate({ orderId: placed.orderId }));
    expect(err.data).toMatchObject({ code: "CONFLICT", field: "status" });
    expect(err.message).toContain("PLACED");
    expect((await view(placed)).status).toBe("PLACED");
    expect(await availableOf(p, sku)).toBe(2);
  });

  test("bad input is a 400 naming the field", async () => {
    const err = await failure(p.shop.orders().orders.releasePending.mutate({ orderId: "" }));
    expect(err.data).toMatchObject({ code: "BAD_REQUEST", field: "orderId" });
  });
});

describe("3-D Secure, then a reload", () => {
  test("a pending step does not brick the order: 4242 pays it at the order's amount", async () => {
    const sku = await freshSku(3);
    const { placed } = await guestCheckout(p, [{ sku, quantity: 1 }], "tds@example.com");
    const payment = await awaitingPayment(placed);
    const pay = p.shop.payments.payments;
    expect(await pay.confirmTest.mutate({ ...payment, card: "4000000000003220" })).toEqual({
      status: "requires_action",
    });
    // The reloaded page asks where the payment stands, and shows the step again.
    expect(await pay.state.mutate(payment)).toMatchObject({ pendingStep: true, canAttempt: true });
    expect(await pay.confirmTest.mutate({ ...payment, card: "4242424242424242" })).toEqual({ status: "succeeded" });
    const paid = await eventually(async () => {
      const o = await view(placed);
      return o.paymentStatus === "PAID" ? o : undefined;
    });
    expect(paid.paidAmount).toBe(placed.totals.total);
  });

  test("abandoning the step leaves the order awaiting payment; the next card pays", async () => {
    const sku = await freshSku(3);
    const { placed } = await guestCheckout(p, [{ sku, quantity: 1 }], "abandon@example.com");
    const payment = await awaitingPayment(placed);
    const pay = p.shop.payments.payments;
    await pay.confirmTest.mutate({ ...payment, card: "4000000000003220" });
    await pay.abandonStep.mutate(payment);
    const waiting = await eventually(async () => {
      const o = await view(placed);
      return o.payment?.lastError ? o : undefined;
    });
    expect(waiting).toMatchObject({ status: "PENDING", paymentStatus: "AWAITING" });
    expect(waiting.payment?.lastError?.code).toBe("payment_intent_authentication_failure");
    await pay.confirmTest.mutate({ ...payment, card: "4242424242424242" });
    await eventually(async () => ((await view(placed)).paymentStatus === "PAID" ? true : undefined));
  });
});

describe("releaseRefusal (the rule the web and the decider share)", () => {
  const facts = { cancellation: null } as const;
  test("only PENDING orders awaiting payment, or one already released", () => {
    expect(releaseRefusal({ ...base("PENDING", "AWAITING"), ...facts })).toBeNull();
    expect(releaseRefusal({ ...base("PLACED", "PAID"), ...facts })).toMatchObject({ kind: "order", from: "PLACED" });
    expect(
      releaseRefusal({ ...base("CANCELLED", "AWAITING"), cancellation: { reason: RELEASED_TO_CART_REASON } }),
    ).toBeNull();
    expect(
      releaseRefusal({ ...base("CANCELLED", "AWAITING"), cancellation: { reason: "out of stock" } }),
    ).toMatchObject({ kind: "order", from: "CANCELLED" });
  });
});

function base(status: "PENDING" | "PLACED" | "CANCELLED", paymentStatus: "AWAITING" | "PAID") {
  return {
    status,
    paymentStatus,
    fulfilmentStatus: "NOT_FULFILLED" as const,
    paidAmount: 0,
    refundedTotal: 0,
    lines: [],
    payment: null,
    shipments: [],
    cancelledLines: [],
    returns: [],
  };
}
