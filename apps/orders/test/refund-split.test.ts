import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { RefundDestination } from "../src/contract.ts";
import { giftCardRefundId, type RefundPart, splitRefund } from "../src/domain/refund-split.ts";

type Refunded = { refunds: { amount: number; to: RefundDestination }[]; giftCardPaid: number };

const order = (giftCardPaid: number, refunds: Refunded["refunds"] = []) => ({
  giftCardPaid,
  refunds: refunds.map((r, i) => ({ ...r, refundId: `rf${i}`, reason: "r", at: "", returnId: null })),
});

describe("a refund splits between the gift card and the card payment", () => {
  test("an order without a gift card: all of it to the card", () => {
    expect(splitRefund(order(0), 2400, "k")).toEqual([{ to: "card", amount: 2400 }]);
  });

  test("the gift card first, up to what it paid, then the card", () => {
    expect(splitRefund(order(300), 200, "k")).toEqual([{ to: "gift_card", amount: 200 }]);
    expect(splitRefund(order(300), 1000, "k")).toEqual([
      { to: "gift_card", amount: 300 },
      { to: "card", amount: 700 },
    ]);
  });

  test("what already went back to the gift card is not sent there again", () => {
    const partly = order(300, [{ amount: 250, to: "gift_card" }]);
    expect(splitRefund(partly, 100, "k")).toEqual([
      { to: "gift_card", amount: 50 },
      { to: "card", amount: 50 },
    ]);
    // A card refund (from the provider's dashboard, say) leaves the gift card's share as it was.
    expect(splitRefund(order(300, [{ amount: 500, to: "card" }]), 300, "k")).toEqual([
      { to: "gift_card", amount: 300 },
    ]);
  });

  test("a retry of a recorded refund splits as it did the first time", () => {
    const recorded = order(300);
    recorded.refunds.push({
      refundId: giftCardRefundId("k1"),
      amount: 200,
      to: "gift_card",
      reason: "r",
      at: "",
      returnId: null,
    });
    expect(splitRefund(recorded, 200, "k1")).toEqual([{ to: "gift_card", amount: 200 }]);
    expect(splitRefund(recorded, 200, "k2")).toEqual([
      { to: "gift_card", amount: 100 },
      { to: "card", amount: 100 },
    ]);
  });

  test("property: over any run of refunds the parts add up, and neither side gets back more than it paid", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 40_000 }), { maxLength: 12 }),
        (total, giftCardShare, asks) => {
          const giftCardPaid = Math.min(total, giftCardShare);
          const refunds: Refunded["refunds"] = [];
          let refunded = 0;
          for (const ask of asks) {
            // The order's own rule caps a refund at what is still refundable (planRefund).
            const amount = Math.min(ask, total - refunded);
            if (amount <= 0) break;
            const parts: RefundPart[] = splitRefund(order(giftCardPaid, refunds), amount, `k${refunds.length}`);
            expect(parts.reduce((n, p) => n + p.amount, 0)).toBe(amount);
            for (const p of parts) expect(p.amount).toBeGreaterThan(0);
            refunds.push(...parts);
            refunded += amount;
          }
          const toGiftCard = refunds.filter((r) => r.to === "gift_card").reduce((n, r) => n + r.amount, 0);
          const toCard = refunds.filter((r) => r.to === "card").reduce((n, r) => n + r.amount, 0);
          expect(toGiftCard).toBeLessThanOrEqual(giftCardPaid);
          expect(toCard).toBeLessThanOrEqual(total - giftCardPaid);
          // The card is asked only once the gift card has had all it paid back.
          if (toCard > 0) expect(toGiftCard).toBe(giftCardPaid);
        },
      ),
      { numRuns: 500 },
    );
  });
});
