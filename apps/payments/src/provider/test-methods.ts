import { randomBytes } from "node:crypto";
import valid from "card-validator";
import { normalizeCardNumber } from "../domain/card-checks.ts";

/**
 * The test provider's saved cards (#20): Stripe-shaped ids and the card facts Stripe's
 * PaymentMethod object carries (brand as Stripe names it, last 4, expiry), from a test card that
 * passed `cardProblem`.
 */
export function testCustomerId(): string {
  return `cus_test_${token(12)}`;
}

export function testMethodId(): string {
  return `pm_test_${token(12)}`;
}

/** card-validator's brand names, as Stripe's `card.brand` spells them. */
const STRIPE_BRANDS: Record<string, string> = {
  visa: "visa",
  mastercard: "mastercard",
  "american-express": "amex",
  "diners-club": "diners",
  discover: "discover",
  jcb: "jcb",
  unionpay: "unionpay",
};

export function testCardFacts(card: { number: string; expiry: string }) {
  const digits = normalizeCardNumber(card.number);
  const type = valid.number(digits).card?.type ?? "unknown";
  const [, month = "0", year = "0"] = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(card.expiry.trim()) ?? [];
  return {
    digits,
    brand: STRIPE_BRANDS[type] ?? "unknown",
    last4: digits.slice(-4),
    expMonth: Number(month),
    expYear: year.length === 2 ? 2000 + Number(year) : Number(year),
  };
}

function token(bytes: number): string {
  return randomBytes(bytes).toString("base64url").replace(/[-_]/g, "x");
}
