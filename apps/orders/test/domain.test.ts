import { describe, expect, test } from "bun:test";
import { adminActions, isPastPayment, shopperActions } from "../src/contract.ts";
import {
  cancel,
  deliver,
  expireReservation,
  failPayment,
  paidWhileCancelled,
  place,
  planCancel,
  planRefund,
  recordPayment,
  recordRefund,
  rejectStock,
  requestPayment,
  ship,
} from "../src/domain/decide.ts";
import { OrderRuleError, OrderTransitionError, PaymentMismatchError } from "../src/domain/errors.ts";
import type { NewOrderEvent, OrderEvent, OrderPlacedData } from "../src/domain/events.ts";
import { fold, type OrderState } from "../src/domain/order.ts";
import { formatOrderNumber } from "../src/domain/order-number.ts";
import { priceOrder } from "../src/domain/pricing.ts";
import { revenueSeries } from "../src/domain/stats.ts";
import { orderView } from "../src/projections/order-view.ts";

const address = { name: "A", line1: "1 St", city: "X", postalCode: "1", country: "DE" };
const placed: OrderPlacedData = {
  orderId: "o1",
  number: "MC-000001",
  userId: null,
  email: "a@example.com",
  cartId: "c1",
  lines: [{ sku: "S1", productId: "p1", title: "T", quantity: 2, unitPrice: 1000, image: null, options: {} }],
  totals: {
    currency: "EUR",
    subtotal: 2000,
    discount: 0,
    shipping: 0,
    tax: 400,
    total: 2400,
    taxInclusive: false,
    taxLines: [],
  },
  discountCode: null,
  shippingAddress: address,
  billingAddress: address,
  accessTokenHash: "h",
};

/** Applies new events the way the store does: next versions, a timestamp each. */
function apply(state: OrderState | null, events: NewOrderEvent[]): OrderState {
  const from = state?.version ?? 0;
  const stored = events.map(
    (e, i) =>
      ({ ...e, version: from + i + 1, occurredAt: new Date(2026, 0, 1, 0, 0, from + i).toISOString() }) as OrderEvent,
  );
  const next = fold(stored, state);
  if (!next) throw new Error("no state");
  return next;
}

const pending = () => apply(null, place(null, placed));
const awaiting = () =>
  apply(
    pending(),
    requestPayment(
      pending(),
      { reservationId: "r1", expiresAt: "2026-01-01T00:15:00.000Z" },
      { paymentId: "pay1", provider: "test", clientSecret: "cs" },
    ),
  );
const paid = () => {
  const s = awaiting();
  return apply(s, recordPayment(s, { paymentId: "pay1", amount: 2400, currency: "EUR" }));
};
const shipped = () => {
  const s = paid();
  return apply(s, ship(s, { carrier: "DHL", trackingNumber: "T1" }));
};
const delivered = () => {
  const s = shipped();
  return apply(s, deliver(s));
};
const cancelledUnpaid = () => {
  const s = awaiting();
  return apply(s, cancel(s, { reason: "no", by: "shopper" }));
};

function refusal(fn: () => unknown): OrderTransitionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OrderTransitionError) return err;
    throw err;
  }
  throw new Error("expected an OrderTransitionError");
}

describe("order state machine", () => {
  test("placing starts PENDING; placing twice is refused", () => {
    const s = pending();
    expect(s.status).toBe("PENDING");
    expect(s.version).toBe(1);
    expect(refusal(() => place(s, placed)).message).toBe(
      "status: an order in PENDING cannot become PENDING (it was already placed)",
    );
  });

  test("PENDING → AWAITING_PAYMENT when stock is reserved and a payment requested; a repeat adds nothing", () => {
    const s = awaiting();
    expect(s.status).toBe("AWAITING_PAYMENT");
    expect(s.payment?.paymentId).toBe("pay1");
    expect(s.reservation?.reservationId).toBe("r1");
    expect(
      requestPayment(
        s,
        { reservationId: "r1", expiresAt: "x" },
        { paymentId: "pay1", provider: "test", clientSecret: null },
      ),
    ).toEqual([]);
    expect(
      refusal(() =>
        requestPayment(
          paid(),
          { reservationId: "r2", expiresAt: "x" },
          { paymentId: "p", provider: "test", clientSecret: null },
        ),
      ).message,
    ).toContain("PAID cannot become AWAITING_PAYMENT");
  });

  test("PENDING → CANCELLED when stock is short, naming the SKUs; only from PENDING", () => {
    const s = pending();
    const c = apply(s, rejectStock(s, [{ sku: "S1", requested: 2, available: 1 }]));
    expect(c.status).toBe("CANCELLED");
    expect(c.cancellation?.reason).toBe("out of stock: S1 (requested 2, available 1)");
    expect(rejectStock(c, [{ sku: "S1", requested: 2, available: 1 }])).toEqual([]);
    expect(refusal(() => rejectStock(awaiting(), [{ sku: "S1", requested: 1, available: 0 }])).from).toBe(
      "AWAITING_PAYMENT",
    );
  });

  test("a failed payment keeps AWAITING_PAYMENT with the error; a later success makes it PAID", () => {
    const s = awaiting();
    const f = apply(s, failPayment(s, { paymentId: "pay1", code: "card_declined", reason: "declined" }));
    expect(f.status).toBe("AWAITING_PAYMENT");
    expect(f.payment?.lastError).toEqual({ code: "card_declined", reason: "declined" });
    const p = apply(f, recordPayment(f, { paymentId: "pay1", amount: 2400, currency: "EUR" }));
    expect(p.status).toBe("PAID");
    expect(p.paidAmount).toBe(2400);
    expect(p.payment?.lastError).toBeNull();
    expect(refusal(() => failPayment(p, { paymentId: "pay1", code: "x", reason: "y" })).message).toContain(
      "PAID cannot become AWAITING_PAYMENT",
    );
  });

  test("AWAITING_PAYMENT → PAID once; the same payment again adds nothing; PENDING cannot be paid", () => {
    const p = paid();
    expect(p.status).toBe("PAID");
    expect(recordPayment(p, { paymentId: "pay1", amount: 2400, currency: "EUR" })).toEqual([]);
    expect(refusal(() => recordPayment(pending(), { paymentId: "x", amount: 1, currency: "EUR" })).message).toBe(
      "status: an order in PENDING cannot become PAID",
    );
    expect(() => recordPayment(awaiting(), { paymentId: "pay1", amount: 2400, currency: "USD" })).toThrow(
      OrderRuleError,
    );
  });

  test("only the payment the order requested counts: another id, amount or currency is refused, on any status", () => {
    for (const s of [awaiting(), paid(), cancelledUnpaid()]) {
      for (const [payment, field] of [
        [{ paymentId: "pay_forged", amount: 2400, currency: "EUR" }, "paymentId"],
        [{ paymentId: "pay1", amount: 1, currency: "EUR" }, "amount"],
        [{ paymentId: "pay1", amount: 2400, currency: "USD" }, "currency"],
      ] as const) {
        expect(() => recordPayment(s, payment)).toThrow(PaymentMismatchError);
        try {
          recordPayment(s, payment);
        } catch (err) {
          expect((err as PaymentMismatchError).field).toBe(field);
        }
      }
    }
    expect(() => recordPayment(awaiting(), { paymentId: "pay1", amount: 1, currency: "EUR" })).toThrow(
      "amount: payment of 1, the order asked for 2400",
    );
  });

  test("a payment landing on a cancelled order is recorded, leaves it CANCELLED, and asks for a refund", () => {
    const c = cancelledUnpaid();
    const late = apply(c, recordPayment(c, { paymentId: "pay1", amount: 2400, currency: "EUR" }));
    expect(late.status).toBe("CANCELLED");
    expect(paidWhileCancelled(late)).toBe(true);
    const refunded = apply(
      late,
      recordRefund(late, { refundId: "rf", amount: 2400, refundedTotal: 2400, reason: "late" }),
    );
    expect(refunded.status).toBe("REFUNDED");
  });

  test("reservation expiry cancels PENDING and AWAITING_PAYMENT orders, not paid ones", () => {
    for (const s of [pending(), awaiting()]) {
      const c = apply(s, expireReservation(s, "r1"));
      expect(c.status).toBe("CANCELLED");
      expect(c.cancellation?.wasPaid).toBe(false);
    }
    expect(expireReservation(awaiting(), "another-reservation")).toEqual([]);
    expect(refusal(() => expireReservation(paid(), "r1")).message).toBe(
      "status: an order in PAID cannot become CANCELLED",
    );
  });

  test("PAID → SHIPPED → DELIVERED; no skipping, no repeating", () => {
    expect(shipped().status).toBe("SHIPPED");
    expect(shipped().shipment).toMatchObject({ carrier: "DHL", trackingNumber: "T1", deliveredAt: null });
    expect(delivered().status).toBe("DELIVERED");
    expect(delivered().shipment?.deliveredAt).not.toBeNull();
    expect(refusal(() => ship(awaiting(), { carrier: "x", trackingNumber: "y" })).message).toBe(
      "status: an order in AWAITING_PAYMENT cannot become SHIPPED",
    );
    expect(refusal(() => ship(shipped(), { carrier: "x", trackingNumber: "y" })).from).toBe("SHIPPED");
    expect(refusal(() => deliver(paid())).message).toBe("status: an order in PAID cannot become DELIVERED");
    expect(refusal(() => deliver(delivered())).from).toBe("DELIVERED");
  });

  test("cancel: unpaid without refund, paid with the full refund, never after shipping", () => {
    expect(planCancel(awaiting())).toEqual({ wasPaid: false, refundDue: 0 });
    expect(cancelledUnpaid().status).toBe("CANCELLED");
    expect(planCancel(paid())).toEqual({ wasPaid: true, refundDue: 2400 });
    const p = paid();
    const c = apply(
      p,
      cancel(p, { reason: "no", by: "shopper", refund: { refundId: "rf1", amount: 2400, refundedTotal: 2400 } }),
    );
    expect(c.status).toBe("REFUNDED");
    expect(c.cancellation?.wasPaid).toBe(true);
    expect(c.refundedTotal).toBe(2400);
    expect(refusal(() => planCancel(shipped())).message).toBe("status: an order in SHIPPED cannot become CANCELLED");
    expect(refusal(() => planCancel(cancelledUnpaid())).message).toBe(
      "status: an order in CANCELLED cannot become CANCELLED",
    );
    expect(refusal(() => planCancel(delivered())).from).toBe("DELIVERED");
  });

  test("refunds: partial then full; never above what was paid; nothing when unpaid; once per refund id", () => {
    const p = delivered();
    planRefund(p, 400);
    const part = apply(p, recordRefund(p, { refundId: "rf1", amount: 400, refundedTotal: 400, reason: "r" }));
    expect(part.status).toBe("PARTIALLY_REFUNDED");
    expect(recordRefund(part, { refundId: "rf1", amount: 400, refundedTotal: 400, reason: "r" })).toEqual([]);
    expect(() => planRefund(part, 2001)).toThrow("amount: 2001 is more than the 2000 still refundable");
    expect(() => planRefund(part, 0)).toThrow(OrderRuleError);
    const full = apply(part, recordRefund(part, { refundId: "rf2", amount: 2000, refundedTotal: 2400, reason: "r" }));
    expect(full.status).toBe("REFUNDED");
    expect(refusal(() => planRefund(full, 1)).message).toBe(
      "status: an order in REFUNDED cannot become REFUNDED (it was fully refunded)",
    );
    expect(refusal(() => planRefund(awaiting(), 1)).message).toBe(
      "status: an order in AWAITING_PAYMENT cannot become REFUNDED (nothing was paid)",
    );
  });

  test("a partially refunded order can still ship, deliver, or be cancelled for the rest", () => {
    const p = paid();
    const part = apply(p, recordRefund(p, { refundId: "rf1", amount: 400, refundedTotal: 400, reason: "r" }));
    expect(planCancel(part)).toEqual({ wasPaid: true, refundDue: 2000 });
    const s = apply(part, ship(part, { carrier: "UPS", trackingNumber: "1Z" }));
    expect(s.status).toBe("SHIPPED");
    expect(apply(s, deliver(s)).status).toBe("DELIVERED");
  });
});

describe("order numbers", () => {
  test("MC- and six digits, growing past a million", () => {
    expect(formatOrderNumber(123)).toBe("MC-000123");
    expect(formatOrderNumber(1_234_567)).toBe("MC-1234567");
    expect(() => formatOrderNumber(0)).toThrow(RangeError);
  });
});

describe("pricing an order from the catalog", () => {
  const config = { shippingFlatRate: 495, freeShippingThreshold: 5000, taxRateBps: 2000 };
  const sku = (s: string, price: number, status: "active" | "archived" = "active") => ({
    sku: s,
    productId: `p-${s}`,
    title: s,
    image: null,
    options: {},
    price,
    currency: "EUR",
    status,
  });

  test("uses the catalog's prices and the shared pricing rules", () => {
    const r = priceOrder({
      lines: [{ sku: "A", quantity: 2 }],
      currency: "EUR",
      catalog: [sku("A", 1000)],
      discount: null,
      config,
    });
    expect(r.totals).toMatchObject({ subtotal: 2000, discount: 0, shipping: 495, tax: 400, total: 2895 });
    expect(r.lines[0]).toMatchObject({ sku: "A", unitPrice: 1000, quantity: 2, productId: "p-A" });
  });

  test("applies a discount only from its minimum subtotal", () => {
    const discount = { code: "TEN", kind: "percent" as const, value: 10, minSubtotal: 3000 };
    const below = priceOrder({
      lines: [{ sku: "A", quantity: 2 }],
      currency: "EUR",
      catalog: [sku("A", 1000)],
      discount,
      config,
    });
    expect(below.discountCode).toBeNull();
    const above = priceOrder({
      lines: [{ sku: "A", quantity: 3 }],
      currency: "EUR",
      catalog: [sku("A", 1000)],
      discount,
      config,
    });
    expect(above).toMatchObject({ discountCode: "TEN", totals: { subtotal: 3000, discount: 300 } });
  });

  test("refuses SKUs no longer sold, naming them, and an empty cart", () => {
    expect(() =>
      priceOrder({
        lines: [{ sku: "A", quantity: 1 }],
        currency: "EUR",
        catalog: [sku("A", 1, "archived")],
        discount: null,
        config,
      }),
    ).toThrow("lines: A is no longer sold");
    expect(() =>
      priceOrder({ lines: [{ sku: "B", quantity: 1 }], currency: "EUR", catalog: [], discount: null, config }),
    ).toThrow("lines: B is no longer sold");
    expect(() => priceOrder({ lines: [], currency: "EUR", catalog: [], discount: null, config })).toThrow(
      "cart: is empty",
    );
  });
});

describe("revenue series", () => {
  test("one entry per UTC day, oldest first, holes filled with 0", () => {
    const s = revenueSeries([{ day: "2026-03-10", revenue: 500 }], new Date("2026-03-10T15:00:00Z"), 3);
    expect(s).toEqual([
      { day: "2026-03-08", revenue: 0 },
      { day: "2026-03-09", revenue: 0 },
      { day: "2026-03-10", revenue: 500 },
    ]);
  });
});

describe("cancel racing its own refund", () => {
  test("a refund recorded before the cancel still cancels, and reads REFUNDED either way", () => {
    const p = paid();
    const refunded = apply(p, recordRefund(p, { refundId: "rf9", amount: 2400, refundedTotal: 2400, reason: "r" }));
    expect(refunded.status).toBe("REFUNDED");
    const events = cancel(refunded, {
      reason: "no",
      by: "shopper",
      refund: { refundId: "rf9", amount: 2400, refundedTotal: 2400 },
    });
    expect(events.map((e) => e.type)).toEqual(["OrderCancelled"]);
    const c = apply(refunded, events);
    expect(c.status).toBe("REFUNDED");
    expect(c.cancellation?.wasPaid).toBe(true);
    expect(refusal(() => cancel(refunded, { reason: "no", by: "admin", refund: null })).from).toBe("REFUNDED");
  });
});

describe("the actions a screen offers are the state machine's", () => {
  const partlyRefunded = (s: OrderState) =>
    apply(s, recordRefund(s, { refundId: `rf-${s.version}`, amount: 400, refundedTotal: 400, reason: "r" }));
  const states: Record<string, () => OrderState> = {
    pending,
    awaiting,
    paid,
    shipped,
    delivered,
    cancelledUnpaid,
    partlyRefunded: () => partlyRefunded(paid()),
    partlyRefundedShipped: () => partlyRefunded(shipped()),
    partlyRefundedDelivered: () => partlyRefunded(delivered()),
    refunded: () => {
      const p = paid();
      return apply(p, recordRefund(p, { refundId: "rf", amount: 2400, refundedTotal: 2400, reason: "r" }));
    },
    cancelledPaid: () => {
      const p = paid();
      return apply(
        p,
        cancel(p, { reason: "no", by: "admin", refund: { refundId: "rf1", amount: 2400, refundedTotal: 2400 } }),
      );
    },
  };
  const accepts = (command: () => unknown) => {
    try {
      command();
      return true;
    } catch (err) {
      if (err instanceof OrderTransitionError) return false;
      throw err;
    }
  };

  for (const [name, make] of Object.entries(states)) {
    test(`${name}: each button is enabled exactly where the command is accepted`, () => {
      const state = make();
      // The web reads the facts from the order view, as the admin and shop pages have it.
      const view = orderView(state);
      const actions = adminActions(view);
      expect(actions.ship).toBe(accepts(() => ship(state, { carrier: "x", trackingNumber: "y" })));
      expect(actions.deliver).toBe(accepts(() => deliver(state)));
      expect(actions.cancel).toBe(accepts(() => planCancel(state)));
      expect(shopperActions(view).cancel).toBe(actions.cancel);
      expect(actions.refund).toBe(actions.refundable > 0 && accepts(() => planRefund(state, actions.refundable)));
      if (actions.refund) expect(() => planRefund(state, actions.refundable + 1)).toThrow(OrderRuleError);
      expect(shopperActions(view).pay).toBe(
        accepts(() => failPayment(state, { paymentId: "p", code: "c", reason: "r" })),
      );
      if (isPastPayment(view.status)) expect(view.paidAmount).toBeGreaterThan(0);
    });
  }
});
