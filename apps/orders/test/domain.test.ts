import { describe, expect, test } from "bun:test";
import { priceBasketWithRates, type RegionRules, rateTableProvider } from "@mercato/pricing";
import { taxProviderFor } from "../src/app/tax-provider.ts";
import { type Address, adminActions, isPastPayment, shopperActions } from "../src/contract.ts";
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
import { type NewOrderEvent, type OrderEvent, type OrderPlacedData, parseOrderEvent } from "../src/domain/events.ts";
import { fold, type OrderState } from "../src/domain/order.ts";
import { formatOrderNumber } from "../src/domain/order-number.ts";
import { type CartDiscount, type CatalogSku, checkDestination, orderBasket } from "../src/domain/pricing.ts";
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
  regionId: "eu",
  shippingMethod: null,
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
  giftCard: null,
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
const parcel = { carrier: "DHL", trackingNumber: "T1", trackingUrl: null };
const shipped = () => {
  const s = paid();
  return apply(s, ship(s, { shipmentId: "sh1", ...parcel }));
};
const inWindow = "2026-02-01T00:00:00.000Z";
const delivered = () => {
  const s = shipped();
  return apply(s, deliver(s, { shipmentId: "sh1", returnableUntil: inWindow }));
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

  test("stock reserved and a payment requested: still PENDING, payment AWAITING; a repeat adds nothing", () => {
    const s = awaiting();
    expect(s.status).toBe("PENDING");
    expect(s.paymentStatus).toBe("AWAITING");
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
    ).toBe("paymentStatus: an order with payment PAID cannot become AWAITING_PAYMENT");
  });

  test("PENDING → CANCELLED when stock is short, naming the SKUs; only from PENDING", () => {
    const s = pending();
    const c = apply(s, rejectStock(s, [{ sku: "S1", requested: 2, available: 1 }]));
    expect(c.status).toBe("CANCELLED");
    expect(c.cancellation?.reason).toBe("out of stock: S1 (requested 2, available 1)");
    expect(rejectStock(c, [{ sku: "S1", requested: 2, available: 1 }])).toEqual([]);
    expect(refusal(() => rejectStock(awaiting(), [{ sku: "S1", requested: 1, available: 0 }])).message).toBe(
      "paymentStatus: an order with payment AWAITING cannot become CANCELLED",
    );
  });

  test("a failed payment keeps the payment AWAITING with the error; a later success makes it PAID and the order PLACED", () => {
    const s = awaiting();
    const f = apply(s, failPayment(s, { paymentId: "pay1", code: "card_declined", reason: "declined" }));
    expect(f.paymentStatus).toBe("AWAITING");
    expect(f.payment?.lastError).toEqual({ code: "card_declined", reason: "declined" });
    const p = apply(f, recordPayment(f, { paymentId: "pay1", amount: 2400, currency: "EUR" }));
    expect(p.status).toBe("PLACED");
    expect(p.paymentStatus).toBe("PAID");
    expect(p.paidAmount).toBe(2400);
    expect(p.payment?.lastError).toBeNull();
    expect(refusal(() => failPayment(p, { paymentId: "pay1", code: "x", reason: "y" })).message).toContain(
      "payment PAID cannot become AWAITING_PAYMENT",
    );
  });

  test("AWAITING → PAID once; the same payment again adds nothing; an order without a payment asked cannot be paid", () => {
    const p = paid();
    expect(p.paymentStatus).toBe("PAID");
    expect(recordPayment(p, { paymentId: "pay1", amount: 2400, currency: "EUR" })).toEqual([]);
    expect(refusal(() => recordPayment(pending(), { paymentId: "x", amount: 1, currency: "EUR" })).message).toBe(
      "paymentStatus: an order with payment AWAITING cannot become PAID (no payment was requested)",
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
    expect(late.paymentStatus).toBe("PAID");
    expect(paidWhileCancelled(late)).toBe(true);
    const refunded = apply(
      late,
      recordRefund(late, { refundId: "rf", amount: 2400, refundedTotal: 2400, to: "card", reason: "late" }),
    );
    expect(refunded.status).toBe("CANCELLED");
    expect(refunded.paymentStatus).toBe("REFUNDED");
  });

  test("reservation expiry cancels unpaid orders (with or without a payment asked), not paid ones", () => {
    for (const s of [pending(), awaiting()]) {
      const c = apply(s, expireReservation(s, "r1"));
      expect(c.status).toBe("CANCELLED");
      expect(c.cancellation?.wasPaid).toBe(false);
    }
    expect(expireReservation(awaiting(), "another-reservation")).toEqual([]);
    expect(refusal(() => expireReservation(paid(), "r1")).message).toBe(
      "paymentStatus: an order with payment PAID cannot become CANCELLED",
    );
  });

  test("shipping all of a paid order then delivering it: FULFILLED, then DELIVERED and COMPLETED; no repeating", () => {
    expect(shipped().fulfilmentStatus).toBe("FULFILLED");
    expect(shipped().status).toBe("PLACED");
    expect(shipped().shipments[0]).toMatchObject({ id: "sh1", carrier: "DHL", lines: [{ sku: "S1", quantity: 2 }] });
    expect(delivered().fulfilmentStatus).toBe("DELIVERED");
    expect(delivered().status).toBe("COMPLETED");
    expect(delivered().shipments[0]?.deliveredAt).not.toBeNull();
    expect(refusal(() => ship(awaiting(), { shipmentId: "x", ...parcel })).message).toBe(
      "status: an order in PENDING cannot become shipped",
    );
    expect(refusal(() => ship(shipped(), { shipmentId: "sh2", ...parcel })).message).toBe(
      "fulfilmentStatus: an order with fulfilment FULFILLED cannot become shipped (nothing is left to ship)",
    );
    expect(ship(shipped(), { shipmentId: "sh1", ...parcel })).toEqual([]);
    expect(() => deliver(paid(), { shipmentId: "sh1", returnableUntil: inWindow })).toThrow(
      "shipmentId: no shipment sh1 on this order",
    );
    expect(deliver(delivered(), { shipmentId: "sh1", returnableUntil: inWindow })).toEqual([]);
  });

  test("cancel: unpaid without refund, paid with the full refund, never after anything shipped", () => {
    expect(planCancel(awaiting())).toEqual({ wasPaid: false, refundDue: 0 });
    expect(cancelledUnpaid().status).toBe("CANCELLED");
    expect(planCancel(paid())).toEqual({ wasPaid: true, refundDue: 2400 });
    const p = paid();
    const c = apply(
      p,
      cancel(p, {
        reason: "no",
        by: "shopper",
        refunds: [{ refundId: "rf1", amount: 2400, refundedTotal: 2400, to: "card" }],
      }),
    );
    expect(c.status).toBe("CANCELLED");
    expect(c.paymentStatus).toBe("REFUNDED");
    expect(c.cancellation?.wasPaid).toBe(true);
    expect(c.refundedTotal).toBe(2400);
    expect(refusal(() => planCancel(shipped())).message).toBe(
      "fulfilmentStatus: an order with fulfilment FULFILLED cannot become CANCELLED (part of it has shipped; cancel the unshipped lines)",
    );
    expect(refusal(() => planCancel(cancelledUnpaid())).message).toBe(
      "status: an order in CANCELLED cannot become CANCELLED",
    );
    expect(refusal(() => planCancel(delivered())).from).toBe("COMPLETED");
  });

  test("refunds: partial then full; never above what was paid; nothing when unpaid; once per refund id", () => {
    const p = delivered();
    planRefund(p, 400);
    const part = apply(
      p,
      recordRefund(p, { refundId: "rf1", amount: 400, refundedTotal: 400, to: "card", reason: "r" }),
    );
    expect(part.paymentStatus).toBe("PARTIALLY_REFUNDED");
    expect(recordRefund(part, { refundId: "rf1", amount: 400, refundedTotal: 400, to: "card", reason: "r" })).toEqual(
      [],
    );
    expect(() => planRefund(part, 2001)).toThrow("amount: 2001 is more than the 2000 still refundable");
    expect(() => planRefund(part, 0)).toThrow(OrderRuleError);
    const full = apply(
      part,
      recordRefund(part, { refundId: "rf2", amount: 2000, refundedTotal: 2400, to: "card", reason: "r" }),
    );
    expect(full.paymentStatus).toBe("REFUNDED");
    expect(full.status).toBe("COMPLETED");
    expect(refusal(() => planRefund(full, 1)).message).toBe(
      "paymentStatus: an order with payment REFUNDED cannot become REFUNDED (it was fully refunded)",
    );
    expect(refusal(() => planRefund(awaiting(), 1)).message).toBe(
      "paymentStatus: an order with payment AWAITING cannot become REFUNDED (nothing was paid)",
    );
  });

  test("a partially refunded order can still ship, deliver, or be cancelled for the rest", () => {
    const p = paid();
    const part = apply(
      p,
      recordRefund(p, { refundId: "rf1", amount: 400, refundedTotal: 400, to: "card", reason: "r" }),
    );
    expect(planCancel(part)).toEqual({ wasPaid: true, refundDue: 2000 });
    const s = apply(part, ship(part, { shipmentId: "sh1", carrier: "UPS", trackingNumber: "1Z", trackingUrl: null }));
    expect(s.fulfilmentStatus).toBe("FULFILLED");
    const d = apply(s, deliver(s, { shipmentId: "sh1", returnableUntil: inWindow }));
    expect(d.fulfilmentStatus).toBe("DELIVERED");
    expect(d.paymentStatus).toBe("PARTIALLY_REFUNDED");
  });
});

describe("order numbers", () => {
  test("MC- and six digits, growing past a million", () => {
    expect(formatOrderNumber(123)).toBe("MC-000123");
    expect(formatOrderNumber(1_234_567)).toBe("MC-1234567");
    expect(() => formatOrderNumber(0)).toThrow(RangeError);
  });
});

describe("pricing an order in its region", () => {
  const FR_BOOKS: RegionRules = {
    id: "eu",
    name: "Europe",
    currency: "EUR",
    countries: ["FR", "DE"],
    defaultCountry: "FR",
    taxInclusive: true,
    taxProvider: "rates",
    paymentProviders: ["test"],
    shippingOptions: [
      {
        id: "eu-standard",
        name: "Standard",
        speed: "standard",
        rule: { kind: "free_above", amount: 495, threshold: 5000 },
        minDays: 3,
        maxDays: 5,
        taxClass: "standard",
        active: true,
      },
      {
        id: "eu-express",
        name: "Express",
        speed: "express",
        rule: { kind: "flat", amount: 1290 },
        minDays: 1,
        maxDays: 2,
        taxClass: "standard",
        active: true,
      },
    ],
    taxRates: [
      { country: "FR", subdivision: null, taxClass: "standard", rateBps: 2000, name: "VAT 20%" },
      { country: "FR", subdivision: null, taxClass: "reduced", rateBps: 550, name: "VAT 5.5%" },
      { country: "DE", subdivision: null, taxClass: "standard", rateBps: 1900, name: "VAT 19%" },
    ],
  };
  const US: RegionRules = {
    ...FR_BOOKS,
    id: "us",
    name: "United States",
    currency: "USD",
    countries: ["US"],
    defaultCountry: "US",
    taxInclusive: false,
    shippingOptions: [
      {
        id: "us-standard",
        name: "Standard",
        speed: "standard",
        rule: {
          kind: "weight",
          tiers: [
            { upToGrams: 500, amount: 599 },
            { upToGrams: 2000, amount: 899 },
            { upToGrams: null, amount: 1499 },
          ],
        },
        minDays: 3,
        maxDays: 7,
        taxClass: "zero",
        active: true,
      },
    ],
    taxRates: [{ country: "US", subdivision: "CA", taxClass: "standard", rateBps: 725, name: "CA sales tax 7.25%" }],
  };
  const sku = (s: string, prices: Record<string, number>, extra: Partial<CatalogSku> = {}): CatalogSku => ({
    sku: s,
    productId: `p-${s}`,
    title: s,
    image: null,
    options: {},
    status: "active",
    prices: Object.entries(prices).map(([currency, amount]) => ({ currency, amount })),
    taxClass: "standard",
    weightGrams: 400,
    ...extra,
  });
  const paris = { name: "A", line1: "1 rue", city: "Paris", postalCode: "75001", country: "FR" };
  const la = { name: "A", line1: "1 St", city: "Los Angeles", postalCode: "90001", country: "US", subdivision: "ca" };
  const base = { shippingOptionId: null, discount: null };

  test("a French book is priced in EUR from its price set and taxed at 5.5 % inside the price", () => {
    const order = orderBasket({
      ...base,
      lines: [{ sku: "BOOK", quantity: 2 }],
      catalog: [sku("BOOK", { EUR: 2110, USD: 2299 }, { taxClass: "reduced" })],
      region: FR_BOOKS,
      address: paris,
    });
    expect(order.lines[0]).toMatchObject({ sku: "BOOK", unitPrice: 2110, quantity: 2, productId: "p-BOOK" });
    const totals = priceBasketWithRates(order.basket);
    // 4220 gross: the tax inside is 4220 × 550 / 10550 = 220; shipping (below the 50.00 threshold)
    // 495 at 20 %: 495 × 2000 / 12000 = 82.5 → 82 (half-even).
    expect(totals).toMatchObject({ currency: "EUR", taxInclusive: true, subtotal: 4220, shipping: 495, total: 4715 });
    expect(totals.taxLines).toEqual([
      { name: "VAT 5.5%", rateBps: 550, taxable: 4000, amount: 220 },
      { name: "VAT 20%", rateBps: 2000, taxable: 413, amount: 82 },
    ]);
    expect(totals.shippingMethod).toMatchObject({ optionId: "eu-standard", amount: 495, tax: 82 });
  });

  test("a US order is taxed by state, on top of net prices, with the chosen option", () => {
    const order = orderBasket({
      ...base,
      lines: [{ sku: "TEE", quantity: 1 }],
      catalog: [sku("TEE", { EUR: 2000, USD: 2200 })],
      region: US,
      address: la,
    });
    expect(order.basket.address).toEqual({ country: "US", subdivision: "CA", postalCode: "90001" });
    const totals = priceBasketWithRates(order.basket);
    // 2200 × 7.25 % = 159.5 → 160 (half-even); shipping is zero-rated.
    expect(totals).toMatchObject({ currency: "USD", subtotal: 2200, shipping: 599, tax: 160, total: 2959 });
    expect(totals.taxLines.filter((l) => l.amount !== 0)).toEqual([
      { name: "CA sales tax 7.25%", rateBps: 725, taxable: 2200, amount: 160 },
    ]);
  });

  test("refuses an address outside the region or without the state where tax needs it, naming the field", () => {
    const order = (region: RegionRules, address: Address) =>
      orderBasket({ ...base, lines: [{ sku: "A", quantity: 1 }], catalog: [sku("A", { EUR: 100 })], region, address });
    expect(() => order(FR_BOOKS, { ...paris, country: "GB" })).toThrow(
      /^shippingAddress\.country: GB is not in Europe/,
    );
    expect(() => order(US, { ...la, subdivision: undefined })).toThrow(/^shippingAddress\.subdivision: required in US/);
    expect(() => checkDestination(FR_BOOKS, { country: "de" })).not.toThrow();
  });

  test("applies a code only from its minimum subtotal; a fixed code keeps its currency", () => {
    const discount = { code: "TEN", kind: "percent" as const, value: 10, minSubtotal: 3000 };
    const of = (quantity: number, d: CartDiscount) =>
      orderBasket({
        ...base,
        discount: d,
        lines: [{ sku: "A", quantity }],
        catalog: [sku("A", { EUR: 1000 })],
        region: FR_BOOKS,
        address: paris,
      });
    expect(of(2, discount).discountCode).toBeNull();
    const above = of(3, discount);
    expect(above.discountCode).toBe("TEN");
    expect(priceBasketWithRates(above.basket)).toMatchObject({ subtotal: 3000, discount: 300 });
    const fixed = of(3, { code: "FIVE", kind: "fixed", value: 500, minSubtotal: 0, currency: "GBP" });
    expect(fixed.basket.discount).toEqual({ kind: "fixed", value: 500, currency: "GBP" });
    expect(() => priceBasketWithRates(fixed.basket)).toThrow("discount: a GBP amount does not apply to a EUR basket");
  });

  test("refuses SKUs no longer sold or not sold in the region's currency, naming lines, and an empty cart", () => {
    const of = (catalog: CatalogSku[], lines = [{ sku: "A", quantity: 1 }]) =>
      orderBasket({ ...base, lines, catalog, region: FR_BOOKS, address: paris });
    expect(() => of([sku("A", { EUR: 1 }, { status: "archived" })])).toThrow("lines: A is no longer sold");
    expect(() => of([])).toThrow("lines: A is no longer sold");
    expect(() => of([sku("A", { USD: 100 })])).toThrow("lines: A is not sold in EUR");
    expect(() => of([], [])).toThrow("cart: is empty");
  });

  test("a region on the rate table is priced without asking payments", () => {
    // The stripe_tax path goes over real HTTP to payments: regions.e2e.test.ts.
    expect(taxProviderFor({} as never, FR_BOOKS)).toBe(rateTableProvider);
  });
});

describe("orders placed before regions", () => {
  test("replay without region, shipping method or tax lines", () => {
    const { regionId: _r, shippingMethod: _s, ...old } = placed;
    const oldTotals = { currency: "EUR" as const, subtotal: 2000, discount: 0, shipping: 0, tax: 400, total: 2400 };
    const event = parseOrderEvent({
      type: "OrderPlaced",
      data: { ...old, totals: oldTotals },
      version: 1,
      occurredAt: "2026-01-01T00:00:00.000Z",
    });
    const view = orderView(fold([event]) as OrderState);
    expect(view.regionId).toBeNull();
    expect(view.shippingMethod).toBeNull();
    expect(view.totals).toEqual({ ...oldTotals, taxInclusive: false, taxLines: [] });
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
    const refunded = apply(
      p,
      recordRefund(p, { refundId: "rf9", amount: 2400, refundedTotal: 2400, to: "card", reason: "r" }),
    );
    expect(refunded.paymentStatus).toBe("REFUNDED");
    const events = cancel(refunded, {
      reason: "no",
      by: "shopper",
      refunds: [{ refundId: "rf9", amount: 2400, refundedTotal: 2400, to: "card" }],
    });
    expect(events.map((e) => e.type)).toEqual(["OrderCancelled"]);
    const c = apply(refunded, events);
    expect(c.status).toBe("CANCELLED");
    expect(c.paymentStatus).toBe("REFUNDED");
    expect(c.cancellation?.wasPaid).toBe(true);
    expect(refusal(() => cancel(c, { reason: "no", by: "admin", refunds: [] })).from).toBe("CANCELLED");
  });
});

describe("the actions a screen offers are the state machine's", () => {
  const partlyRefunded = (s: OrderState) =>
    apply(
      s,
      recordRefund(s, { refundId: `rf-${s.version}`, amount: 400, refundedTotal: 400, to: "card", reason: "r" }),
    );
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
      return apply(p, recordRefund(p, { refundId: "rf", amount: 2400, refundedTotal: 2400, to: "card", reason: "r" }));
    },
    cancelledPaid: () => {
      const p = paid();
      return apply(
        p,
        cancel(p, {
          reason: "no",
          by: "admin",
          refunds: [{ refundId: "rf1", amount: 2400, refundedTotal: 2400, to: "card" }],
        }),
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
      expect(actions.ship).toBe(accepts(() => ship(state, { shipmentId: "new", ...parcel })));
      // Delivering is offered for exactly the shipments a delivery would change.
      const deliverable = state.shipments.filter(
        (x) => deliver(state, { shipmentId: x.id, returnableUntil: inWindow }).length > 0,
      );
      expect(actions.deliver).toEqual(deliverable.map((x) => x.id));
      expect(actions.cancel).toBe(accepts(() => planCancel(state)));
      expect(shopperActions(view).cancel).toBe(actions.cancel);
      expect(actions.refund).toBe(actions.refundable > 0 && accepts(() => planRefund(state, actions.refundable)));
      if (actions.refund) expect(() => planRefund(state, actions.refundable + 1)).toThrow(OrderRuleError);
      expect(shopperActions(view).pay).toBe(
        accepts(() => failPayment(state, { paymentId: "p", code: "c", reason: "r" })),
      );
      if (isPastPayment(view)) expect(view.paidAmount).toBeGreaterThan(0);
    });
  }
});
