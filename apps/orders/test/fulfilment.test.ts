import { describe, expect, test } from "bun:test";
import { adminActions, returnableLines, shopperActions } from "../src/contract.ts";
import {
  approveReturn,
  cancelLines,
  deliver,
  place,
  planCancelLines,
  receiveReturn,
  recordExchangePayment,
  recordPayment,
  rejectReturn,
  requestPayment,
  requestReturn,
  settleReturn,
  ship,
} from "../src/domain/decide.ts";
import { OrderRuleError, OrderTransitionError } from "../src/domain/errors.ts";
import type { NewOrderEvent, OrderEvent, OrderPlacedData } from "../src/domain/events.ts";
import { fold, type OrderState } from "../src/domain/order.ts";
import { exchangeDifference, type RefundPolicy, refundFor } from "../src/domain/refunds.ts";
import { fulfilmentStatusOf, orderMoveAllowed, orderStatusOf, paymentStatusOf } from "../src/domain/status.ts";
import { orderView } from "../src/projections/order-view.ts";

// Two lines: 2 × S1 at 10.00 and 1 × S2 at 30.00; 5.00 off; 5.00 shipping; 20 % tax added on top
// (goods 45.00 net → 9.00, shipping → 1.00). Total 50.00 − 5.00 + 5.00 + 10.00 = 60.00.
const address = { name: "A", line1: "1 St", city: "X", postalCode: "1", country: "US" };
const placed: OrderPlacedData = {
  orderId: "o1",
  number: "MC-000001",
  userId: "u1",
  email: "a@example.com",
  cartId: null,
  lines: [
    { sku: "S1", productId: "p1", title: "Tee S", quantity: 2, unitPrice: 1000, image: null, options: {} },
    { sku: "S2", productId: "p2", title: "Mug", quantity: 1, unitPrice: 3000, image: null, options: {} },
  ],
  regionId: "us",
  shippingMethod: {
    optionId: "std",
    name: "Standard",
    speed: "standard",
    amount: 500,
    tax: 100,
    taxClass: "standard",
    minDays: 2,
    maxDays: 4,
  },
  totals: {
    currency: "USD",
    subtotal: 5000,
    discount: 500,
    shipping: 500,
    tax: 1000,
    total: 6000,
    taxInclusive: false,
    taxLines: [],
  },
  discountCode: "FIVE",
  giftCard: null,
  shippingAddress: address,
  billingAddress: address,
  accessTokenHash: "h",
};

let clock = 0;
function apply(state: OrderState | null, events: NewOrderEvent[]): OrderState {
  const from = state?.version ?? 0;
  const stored = events.map(
    (e, i) =>
      ({
        ...e,
        version: from + i + 1,
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString(),
      }) as OrderEvent,
  );
  const next = fold(stored, state);
  if (!next) throw new Error("no state");
  return next;
}

const parcel = { carrier: "UPS", trackingNumber: "1Z", trackingUrl: "https://ups.example/1Z" };
const until = "2026-01-31T00:00:00.000Z";
const duringWindow = new Date("2026-01-10T00:00:00.000Z");
const afterWindow = new Date("2026-02-02T00:00:00.000Z");
const noPolicy: RefundPolicy = { refundsShipping: false, restockingFeeBps: 0 };

function paid(): OrderState {
  let s = apply(null, place(null, placed));
  s = apply(
    s,
    requestPayment(
      s,
      { reservationId: "r1", expiresAt: "x" },
      { paymentId: "pay1", provider: "test", clientSecret: null },
    ),
  );
  return apply(s, recordPayment(s, { paymentId: "pay1", amount: 6000, currency: "USD" }));
}

function deliveredInTwo(): OrderState {
  let s = paid();
  s = apply(s, ship(s, { shipmentId: "sh1", lines: [{ sku: "S1", quantity: 2 }], ...parcel }));
  s = apply(s, ship(s, { shipmentId: "sh2", ...parcel }));
  s = apply(s, deliver(s, { shipmentId: "sh1", returnableUntil: until }));
  return apply(s, deliver(s, { shipmentId: "sh2", returnableUntil: until }));
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a refusal");
}

describe("statuses derived from the facts", () => {
  test("multi-shipment: partially fulfilled, fulfilled, partially delivered, delivered and completed", () => {
    let s = paid();
    expect([s.status, s.paymentStatus, s.fulfilmentStatus]).toEqual(["PLACED", "PAID", "NOT_FULFILLED"]);
    s = apply(s, ship(s, { shipmentId: "sh1", lines: [{ sku: "S1", quantity: 2 }], ...parcel }));
    expect(s.fulfilmentStatus).toBe("PARTIALLY_FULFILLED");
    expect(adminActions(orderView(s)).shippable).toEqual([{ sku: "S2", quantity: 1 }]);
    s = apply(s, ship(s, { shipmentId: "sh2", ...parcel }));
    expect(s.fulfilmentStatus).toBe("FULFILLED");
    expect(s.shipments.map((x) => x.lines)).toEqual([[{ sku: "S1", quantity: 2 }], [{ sku: "S2", quantity: 1 }]]);
    s = apply(s, deliver(s, { shipmentId: "sh2", returnableUntil: until }));
    expect([s.status, s.fulfilmentStatus]).toEqual(["PLACED", "PARTIALLY_DELIVERED"]);
    expect(adminActions(orderView(s)).deliver).toEqual(["sh1"]);
    s = apply(s, deliver(s, { shipmentId: "sh1", returnableUntil: until }));
    expect([s.status, s.fulfilmentStatus]).toEqual(["COMPLETED", "DELIVERED"]);
  });

  test("a shipment of more than is left is refused naming the line's field", () => {
    const s = paid();
    const err = thrown(() => ship(s, { shipmentId: "x", lines: [{ sku: "S1", quantity: 3 }], ...parcel }));
    expect(err).toBeInstanceOf(OrderRuleError);
    expect(err.message).toBe("lines.0.quantity: 3 of S1 asked, 2 left to ship");
    expect(thrown(() => ship(s, { shipmentId: "x", lines: [{ sku: "NOPE", quantity: 1 }], ...parcel })).message).toBe(
      "lines.0.sku: NOPE has no units left to ship",
    );
  });

  test("the pure deciders: payment, fulfilment and order status from facts alone", () => {
    expect(paymentStatusOf({ paidAmount: 0, refundedTotal: 0 })).toBe("AWAITING");
    expect(paymentStatusOf({ paidAmount: 100, refundedTotal: 0 })).toBe("PAID");
    expect(paymentStatusOf({ paidAmount: 100, refundedTotal: 1 })).toBe("PARTIALLY_REFUNDED");
    expect(paymentStatusOf({ paidAmount: 100, refundedTotal: 100 })).toBe("REFUNDED");
    const s = deliveredInTwo();
    expect(fulfilmentStatusOf(s)).toBe("DELIVERED");
    expect(orderStatusOf({ ...s, cancellation: { reason: "x" } })).toBe("CANCELLED");
    expect(orderMoveAllowed("PENDING", "PLACED")).toBe(true);
    expect(orderMoveAllowed("COMPLETED", "PENDING")).toBe(false);
  });
});

describe("cancelling unshipped lines", () => {
  test("each cancellation refunds its units exactly; the last one takes shipping; the shares add up to the total", () => {
    let s = paid();
    const first = refundFor(s, [{ sku: "S2", quantity: 1 }], { shipping: "unshipped", policy: noPolicy });
    // 30.00 − 3.00 (its share of 5.00 off) + 5.40 tax (its share of 9.00) = 32.40; shipping stays.
    expect(first).toMatchObject({ subtotal: 3000, discount: 300, tax: 540, shipping: 0, total: 3240 });
    s = apply(
      s,
      cancelLines(s, {
        lines: [{ sku: "S2", quantity: 1 }],
        reason: "out of stock",
        refundAmount: first.total,
        refunds: [{ refundId: "rf1", amount: first.total, refundedTotal: first.total, to: "card" }],
      }),
    );
    expect([s.status, s.paymentStatus, s.fulfilmentStatus]).toEqual(["PLACED", "PARTIALLY_REFUNDED", "NOT_FULFILLED"]);
    const last = refundFor(s, [{ sku: "S1", quantity: 2 }], { shipping: "unshipped", policy: noPolicy });
    // 20.00 − 2.00 + 3.60 + shipping 5.00 with its 1.00 tax = 27.60.
    expect(last).toMatchObject({ discount: 200, tax: 360, shipping: 600, total: 2760 });
    expect(first.total + last.total).toBe(placed.totals.total);
    s = apply(
      s,
      cancelLines(s, {
        lines: [{ sku: "S1", quantity: 2 }],
        reason: "out of stock",
        refundAmount: last.total,
        refunds: [{ refundId: "rf2", amount: last.total, refundedTotal: 6000, to: "card" }],
      }),
    );
    expect([s.status, s.paymentStatus]).toEqual(["CANCELLED", "REFUNDED"]);
  });

  test("a line cancel with a client key is applied once; the same reason with another key is a new cancel", () => {
    let s = paid();
    const cmd = {
      lines: [{ sku: "S1", quantity: 1 }],
      reason: "asked",
      refundAmount: 1000,
      refunds: [{ refundId: "rf1", amount: 1000, refundedTotal: 1000, to: "card" as const }],
      idempotencyKey: "key-000001",
    };
    s = apply(s, cancelLines(s, cmd));
    expect(s.cancelKeys).toEqual(["key-000001"]);
    expect(cancelLines(s, cmd)).toEqual([]);
    const next = cancelLines(s, {
      ...cmd,
      refunds: [{ refundId: "rf2", amount: 1000, refundedTotal: 2000, to: "card" }],
      idempotencyKey: "key-000002",
    });
    expect(next.map((e) => e.type)).toEqual(["LinesCancelled", "RefundIssued"]);
  });

  test("shipped units cannot be cancelled (naming the line); an unpaid order cannot cancel lines", () => {
    let s = paid();
    s = apply(s, ship(s, { shipmentId: "sh1", lines: [{ sku: "S1", quantity: 2 }], ...parcel }));
    expect(thrown(() => planCancelLines(s, [{ sku: "S1", quantity: 1 }])).message).toBe(
      "lines.0.sku: S1 has no units left unshipped",
    );
    const unpaid = apply(null, place(null, placed));
    const err = thrown(() => planCancelLines(unpaid, [{ sku: "S1", quantity: 1 }]));
    expect(err).toBeInstanceOf(OrderTransitionError);
    expect(err.message).toBe("status: an order in PENDING cannot become lines cancelled");
    // Shipping is kept when something shipped, even for the last unshipped units.
    expect(refundFor(s, [{ sku: "S2", quantity: 1 }], { shipping: "unshipped", policy: noPolicy }).shipping).toBe(0);
  });
});

describe("returns", () => {
  const ask = (s: OrderState, now = duringWindow, quantity = 2) =>
    requestReturn(s, {
      returnId: "ret1",
      number: "R-MC-000001-1",
      now,
      lines: [{ sku: "S1", quantity, reason: "doesnt_fit", exchangeForSku: null, exchangeUnitPrice: null }],
    });

  test("request, approve, receive with one damaged, refund exact with a restocking fee; statuses follow", () => {
    let s = deliveredInTwo();
    expect(shopperActions(orderView(s), duringWindow).returnable).toEqual([
      { sku: "S1", quantity: 2 },
      { sku: "S2", quantity: 1 },
    ]);
    s = apply(s, ask(s));
    expect(s.returns[0]).toMatchObject({ number: "R-MC-000001-1", status: "REQUESTED" });
    expect(adminActions(orderView(s)).decideReturn).toEqual(["ret1"]);
    expect(returnableLines(s, duringWindow)).toEqual([{ sku: "S2", quantity: 1 }]);
    s = apply(s, approveReturn(s, { returnId: "ret1", note: "ok", instructions: "send it", exchange: null }));
    expect(adminActions(orderView(s)).receiveReturn).toEqual(["ret1"]);
    const breakdown = refundFor(s, [{ sku: "S1", quantity: 2 }], {
      shipping: "policy",
      policy: { refundsShipping: false, restockingFeeBps: 1000 },
    });
    // 20.00 − 2.00 + 3.60 = 21.60, less a 10 % restocking fee (2.16) = 19.44.
    expect(breakdown).toMatchObject({
      subtotal: 2000,
      discount: 200,
      tax: 360,
      restockingFee: 216,
      shipping: 0,
      total: 1944,
    });
    const lines = [{ sku: "S1", received: 2, damaged: 1 }];
    s = apply(s, receiveReturn(s, { returnId: "ret1", lines, breakdown }));
    expect(s.returns[0]).toMatchObject({ status: "RECEIVED", refund: { amount: 1944 } });
    expect(s.returns[0]?.lines[0]).toMatchObject({ received: 2, damaged: 1 });
    expect(s.fulfilmentStatus).toBe("PARTIALLY_RETURNED");
    s = apply(
      s,
      settleReturn(s, {
        returnId: "ret1",
        reason: "return R-MC-000001-1",
        refunds: [{ refundId: "rf9", amount: 1944, refundedTotal: 1944, to: "card" }],
      }),
    );
    expect(s.returns[0]?.status).toBe("REFUNDED");
    expect(s.refunds).toEqual([expect.objectContaining({ refundId: "rf9", amount: 1944, returnId: "ret1" })]);
    expect([s.status, s.paymentStatus, s.fulfilmentStatus]).toEqual([
      "COMPLETED",
      "PARTIALLY_REFUNDED",
      "PARTIALLY_RETURNED",
    ]);
    // Settling again adds nothing.
    expect(settleReturn(s, { returnId: "ret1", reason: "x", refunds: [] })).toEqual([]);
  });

  test("everything returned, shipping refunded by policy: the refunds add up to what was paid", () => {
    let s = deliveredInTwo();
    const policy = { refundsShipping: true, restockingFeeBps: 0 };
    const a = refundFor(s, [{ sku: "S1", quantity: 1 }], { shipping: "policy", policy });
    s = apply(s, ask(s, duringWindow, 1));
    s = apply(s, approveReturn(s, { returnId: "ret1", note: "", instructions: "i", exchange: null }));
    s = apply(s, receiveReturn(s, { returnId: "ret1", lines: [{ sku: "S1", received: 1, damaged: 0 }], breakdown: a }));
    const b = refundFor(
      s,
      [
        { sku: "S1", quantity: 1 },
        { sku: "S2", quantity: 1 },
      ],
      { shipping: "policy", policy },
    );
    expect(a.shipping).toBe(0);
    expect(b.shipping).toBe(600);
    expect(a.total + b.total).toBe(6000);
  });

  test("outside the window the line is refused naming its field; undelivered or too many too", () => {
    const s = deliveredInTwo();
    expect(thrown(() => ask(s, afterWindow)).message).toBe(
      "lines.0.sku: the return window for S1 closed on 2026-01-31",
    );
    expect(thrown(() => ask(s, duringWindow, 3)).message).toBe("lines.0.quantity: 3 of S1 asked, 2 returnable");
    expect(shopperActions(orderView(s), afterWindow).requestReturn).toBe(false);
    const notDelivered = paid();
    expect(thrown(() => ask(notDelivered)).message).toBe(
      "fulfilmentStatus: an order with fulfilment NOT_FULFILLED cannot become PARTIALLY_RETURNED (nothing was delivered yet)",
    );
  });

  test("a rejected return cannot be received; a receipt must fit what was sent back", () => {
    let s = deliveredInTwo();
    s = apply(s, ask(s));
    const breakdown = refundFor(s, [{ sku: "S1", quantity: 2 }], { shipping: "policy", policy: noPolicy });
    expect(
      thrown(() => receiveReturn(s, { returnId: "ret1", lines: [{ sku: "S1", received: 2, damaged: 0 }], breakdown }))
        .message,
    ).toBe("returnId: a return in REQUESTED cannot become RECEIVED");
    const approved = apply(s, approveReturn(s, { returnId: "ret1", note: "", instructions: "i", exchange: null }));
    const receipt = (received: number, damaged: number) =>
      thrown(() => receiveReturn(approved, { returnId: "ret1", lines: [{ sku: "S1", received, damaged }], breakdown }))
        .message;
    expect(receipt(3, 0)).toBe("lines.0.received: 3 received, 2 were sent back");
    expect(receipt(1, 2)).toBe("lines.0.damaged: 2 damaged, 1 received");
    const rejected = apply(s, rejectReturn(s, { returnId: "ret1", note: "worn" }));
    expect(rejected.returns[0]).toMatchObject({ status: "REJECTED", note: "worn" });
    expect(
      thrown(() => approveReturn(rejected, { returnId: "ret1", note: "", instructions: "", exchange: null })).message,
    ).toBe("returnId: a return in REJECTED cannot become APPROVED");
    // A rejected return gives its units back to what may be returned.
    expect(returnableLines(rejected, duringWindow)).toContainEqual({ sku: "S1", quantity: 2 });
  });
});

describe("exchanges", () => {
  test("a dearer variant: the difference is charged, then the replacement ships as its own shipment", () => {
    let s = deliveredInTwo();
    s = apply(
      s,
      requestReturn(s, {
        returnId: "ret1",
        number: "R-MC-000001-1",
        now: duringWindow,
        lines: [{ sku: "S1", quantity: 1, reason: "doesnt_fit", exchangeForSku: "S1-L", exchangeUnitPrice: 1200 }],
      }),
    );
    // Paid for one S1: 10.00 − 1.00 + 1.80 = 10.80; S1-L costs 12.00 + 20 % = 14.40: 3.60 to pay.
    const difference = exchangeDifference(s, [{ sku: "S1", quantity: 1, exchangeUnitPrice: 1200 }]);
    expect(difference).toBe(360);
    s = apply(
      s,
      approveReturn(s, {
        returnId: "ret1",
        note: "",
        instructions: "i",
        exchange: { difference, paymentId: "pay2", clientSecret: "cs2" },
      }),
    );
    expect(shopperActions(orderView(s), duringWindow).payExchange).toEqual(["ret1"]);
    const breakdown = refundFor(s, [{ sku: "S1", quantity: 1, exchangeUnitPrice: 1200 }], {
      shipping: "policy",
      policy: noPolicy,
    });
    expect(breakdown).toMatchObject({ exchangeDifference: -360, total: 0 });
    s = apply(s, receiveReturn(s, { returnId: "ret1", lines: [{ sku: "S1", received: 1, damaged: 0 }], breakdown }));
    s = apply(s, settleReturn(s, { returnId: "ret1", reason: "r", refunds: [] }));
    expect(s.returns[0]?.status).toBe("CLOSED");
    // Not paid yet: the replacement waits.
    expect(adminActions(orderView(s)).shipExchange).toEqual([]);
    expect(thrown(() => ship(s, { shipmentId: "sh3", exchangeReturnId: "ret1", ...parcel })).message).toBe(
      "returnId: a return in CLOSED cannot become shipped (its price difference is not paid)",
    );
    expect(thrown(() => recordExchangePayment(s, { returnId: "ret1", paymentId: "pay2", amount: 1 })).message).toBe(
      "amount: payment of 1, the exchange asked for 360",
    );
    s = apply(s, recordExchangePayment(s, { returnId: "ret1", paymentId: "pay2", amount: 360 }));
    expect(s.paidAmount).toBe(6360);
    expect(adminActions(orderView(s)).shipExchange).toEqual(["ret1"]);
    s = apply(s, ship(s, { shipmentId: "sh3", exchangeReturnId: "ret1", ...parcel }));
    expect(s.shipments.at(-1)).toMatchObject({
      id: "sh3",
      exchangeReturnId: "ret1",
      lines: [{ sku: "S1-L", quantity: 1 }],
    });
    expect(s.returns[0]?.exchange?.shipmentId).toBe("sh3");
    expect(adminActions(orderView(s)).shipExchange).toEqual([]);
  });

  test("a cheaper variant: the difference comes back with the return", () => {
    let s = deliveredInTwo();
    s = apply(
      s,
      requestReturn(s, {
        returnId: "ret1",
        number: "R-MC-000001-1",
        now: duringWindow,
        lines: [{ sku: "S1", quantity: 1, reason: "doesnt_fit", exchangeForSku: "S1-XS", exchangeUnitPrice: 800 }],
      }),
    );
    // 10.80 paid; S1-XS costs 8.00 + 1.60 = 9.60: 1.20 back.
    const breakdown = refundFor(s, [{ sku: "S1", quantity: 1, exchangeUnitPrice: 800 }], {
      shipping: "policy",
      policy: noPolicy,
    });
    expect(breakdown).toMatchObject({ exchangeDifference: 120, total: 120 });
  });
});

describe("a return's refund heard from payments first", () => {
  test("is recorded as the return's, and settling it adds no second refund", async () => {
    const { recordRefund } = await import("../src/domain/decide.ts");
    let s = deliveredInTwo();
    s = apply(
      s,
      requestReturn(s, {
        returnId: "ret1",
        number: "R-MC-000001-1",
        now: duringWindow,
        lines: [{ sku: "S2", quantity: 1, reason: "damaged", exchangeForSku: null, exchangeUnitPrice: null }],
      }),
    );
    s = apply(s, approveReturn(s, { returnId: "ret1", note: "", instructions: "i", exchange: null }));
    const breakdown = refundFor(s, [{ sku: "S2", quantity: 1 }], { shipping: "policy", policy: noPolicy });
    s = apply(s, receiveReturn(s, { returnId: "ret1", lines: [{ sku: "S2", received: 1, damaged: 0 }], breakdown }));
    s = apply(
      s,
      recordRefund(s, {
        refundId: "rf7",
        amount: breakdown.total,
        refundedTotal: breakdown.total,
        to: "card",
        reason: "p",
      }),
    );
    expect(s.refunds.at(-1)?.returnId).toBe("ret1");
    const settle = settleReturn(s, {
      returnId: "ret1",
      reason: "r",
      refunds: [{ refundId: "rf7", amount: breakdown.total, refundedTotal: breakdown.total, to: "card" }],
    });
    expect(settle.map((e) => e.type)).toEqual(["ReturnSettled"]);
  });
});
