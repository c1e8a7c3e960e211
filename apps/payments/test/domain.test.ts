import { describe, expect, test } from "bun:test";
import { PAYMENT_STATUSES } from "../src/contract.ts";
import { cardProblem, normalizeCardNumber } from "../src/domain/card-checks.ts";
import {
  canAttempt,
  canTransition,
  hasPendingStep,
  isNewAttempt,
  isRefundable,
  pathTo,
} from "../src/domain/payment-status.ts";
import { refundAmount, refundableRemainder, statusAfterRefund } from "../src/domain/refunds.ts";
import { testCardOutcome } from "../src/domain/test-cards.ts";

describe("payment state machine", () => {
  test("follows requires_payment → processing → succeeded | failed, and failed → processing on retry", () => {
    expect(canTransition("requires_payment", "processing")).toBe(true);
    expect(canTransition("processing", "succeeded")).toBe(true);
    expect(canTransition("processing", "failed")).toBe(true);
    expect(canTransition("failed", "processing")).toBe(true);
    expect(canTransition("succeeded", "partially_refunded")).toBe(true);
    expect(canTransition("succeeded", "refunded")).toBe(true);
    expect(canTransition("partially_refunded", "refunded")).toBe(true);
  });

  test("never skips or goes back", () => {
    expect(canTransition("requires_payment", "succeeded")).toBe(false);
    expect(canTransition("succeeded", "failed")).toBe(false);
    expect(canTransition("succeeded", "processing")).toBe(false);
    expect(canTransition("failed", "succeeded")).toBe(false);
    expect(canTransition("requires_payment", "refunded")).toBe(false);
    for (const to of PAYMENT_STATUSES) expect(canTransition("refunded", to)).toBe(false);
  });

  test("a provider outcome heard first through a webhook passes through processing", () => {
    expect(pathTo("requires_payment", "succeeded")).toEqual(["processing", "succeeded"]);
    expect(pathTo("failed", "succeeded")).toEqual(["processing", "succeeded"]);
    expect(pathTo("processing", "succeeded")).toEqual(["succeeded"]);
    expect(pathTo("requires_action", "succeeded")).toEqual(["succeeded"]);
    expect(pathTo("requires_payment", "requires_action")).toEqual(["processing", "requires_action"]);
  });

  test("late or repeated outcomes do not apply", () => {
    expect(pathTo("succeeded", "failed")).toBeNull();
    expect(pathTo("succeeded", "succeeded")).toBeNull();
    expect(pathTo("refunded", "succeeded")).toBeNull();
    expect(pathTo("processing", "processing")).toBeNull();
  });

  test("attempts and refunds are allowed only in the right states", () => {
    // A pending authentication step never blocks a new attempt (#21): it is abandoned by it.
    expect(PAYMENT_STATUSES.filter(canAttempt)).toEqual(["requires_payment", "requires_action", "failed"]);
    expect(PAYMENT_STATUSES.filter(isRefundable)).toEqual(["succeeded", "partially_refunded"]);
    expect(PAYMENT_STATUSES.filter(hasPendingStep)).toEqual(["requires_action"]);
  });

  test("a shopper's card over a pending step is a new attempt; the step's own outcome is not", () => {
    expect(isNewAttempt("requires_action", true)).toBe(true);
    expect(isNewAttempt("requires_action", false)).toBe(false);
    expect(isNewAttempt("failed", false)).toBe(true);
    expect(isNewAttempt("requires_payment", true)).toBe(true);
    expect(isNewAttempt("succeeded", true)).toBe(false);
    expect(isNewAttempt("processing", true)).toBe(false);
  });
});

describe("refund rules", () => {
  const paid = { status: "succeeded" as const, amount: 5000, refunded: 0, pending: 0 };

  test("money in flight counts as gone", () => {
    expect(refundableRemainder({ ...paid, refunded: 1000, pending: 1500 })).toBe(2500);
  });

  test("a partial refund, then the rest by omitting the amount", () => {
    expect(refundAmount(paid, 2000)).toBe(2000);
    expect(refundAmount({ ...paid, status: "partially_refunded", refunded: 2000 }, undefined)).toBe(3000);
  });

  test("refuses more than is left, naming the amount", () => {
    expect(() => refundAmount({ ...paid, refunded: 4000, pending: 500 }, 600)).toThrow(
      expect.objectContaining({
        kind: "invalid",
        field: "amount",
        message: "amount: 600 is more than the 500 left to refund",
      }),
    );
  });

  test("refuses zero, negatives and fractions", () => {
    for (const amount of [0, -1, 1.5]) {
      expect(() => refundAmount(paid, amount)).toThrow(expect.objectContaining({ kind: "invalid", field: "amount" }));
    }
  });

  test("refuses a payment that did not succeed, or is fully refunded, as a conflict naming the order", () => {
    for (const status of ["failed", "requires_payment", "processing", "refunded"] as const) {
      expect(() => refundAmount({ ...paid, status }, 100)).toThrow(
        expect.objectContaining({ kind: "conflict", field: "orderId" }),
      );
    }
  });

  test("the status follows the refunded total", () => {
    expect(statusAfterRefund(5000, 1)).toBe("partially_refunded");
    expect(statusAfterRefund(5000, 5000)).toBe("refunded");
  });
});

/** A fixed "now" for the expiry rules: 1 December 2026, 00:30 UTC. */
const NOW = new Date("2026-12-01T00:30:00Z");

describe("test cards", () => {
  test("spaces and dashes are ignored", () => {
    expect(normalizeCardNumber(" 4242 4242-4242 4242 ")).toBe("4242424242424242");
  });

  test("each documented card behaves as in Stripe's test mode", () => {
    expect(testCardOutcome("4242424242424242")).toEqual({ kind: "succeeded" });
    expect(testCardOutcome("4000000000000002")).toMatchObject({ kind: "declined", code: "card_declined" });
    expect(testCardOutcome("4000000000009995")).toMatchObject({ kind: "declined", code: "insufficient_funds" });
    expect(testCardOutcome("4000000000003220")).toEqual({ kind: "requires_action" });
  });

  test("a well-formed card that is not a test card is declined, not charged", () => {
    expect(cardProblem({ number: "4111111111111111" }, NOW)).toBeNull();
    expect(testCardOutcome("4111111111111111")).toMatchObject({ kind: "declined", code: "card_declined" });
  });

  test("numbers that fail the Luhn check or have the wrong length are incorrect_number on card.number", () => {
    for (const number of ["4242424242424241", "4242", "abcd424242424242", "42424242424242424242"]) {
      expect(cardProblem({ number }, NOW)).toMatchObject({ field: "card.number", code: "incorrect_number" });
    }
    expect(cardProblem({ number: "4242 4242 4242 4242" }, NOW)).toBeNull();
  });

  test("expiry: month 1 to 12, this month still good, an earlier month expired_card (in UTC)", () => {
    const card = (expiry: string) => cardProblem({ number: "4242424242424242", expiry, cvc: "123" }, NOW);
    expect(card("12/26")).toBeNull();
    expect(card("12/2026")).toBeNull();
    expect(card("1/27")).toBeNull();
    expect(card("0130")).toBeNull();
    expect(card("11/26")).toMatchObject({ field: "card.expiry", code: "expired_card" });
    expect(card("01/20")).toMatchObject({ field: "card.expiry", code: "expired_card" });
    expect(card("13/30")).toMatchObject({ field: "card.expiry", code: "invalid_expiry_month" });
    expect(card("00/30")).toMatchObject({ field: "card.expiry", code: "invalid_expiry_month" });
    expect(card("soon")).toMatchObject({ field: "card.expiry", code: "invalid_expiry_month" });
    expect(card("12/2099")).toMatchObject({ field: "card.expiry", code: "invalid_expiry_year" });
    // 23:30 on 30 November in UTC is still November, whatever the machine's zone says.
    const lateNovember = new Date("2026-11-30T23:30:00Z");
    expect(cardProblem({ number: "4242424242424242", expiry: "11/26" }, lateNovember)).toBeNull();
  });

  test("CVC: 3 digits, 4 for American Express, else incorrect_cvc on card.cvc", () => {
    const visa = (cvc: string) => cardProblem({ number: "4242424242424242", expiry: "12/30", cvc }, NOW);
    const amex = (cvc: string) => cardProblem({ number: "378282246310005", expiry: "12/30", cvc }, NOW);
    expect(visa("123")).toBeNull();
    expect(amex("1234")).toBeNull();
    for (const bad of ["1", "12", "1234", "12a", ""]) {
      expect(visa(bad)).toMatchObject({ field: "card.cvc", code: "incorrect_cvc" });
    }
    expect(amex("123")).toMatchObject({ field: "card.cvc", code: "incorrect_cvc" });
  });
});
