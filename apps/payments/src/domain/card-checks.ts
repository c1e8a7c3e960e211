import valid from "card-validator";

/**
 * The checks Stripe makes on card details before it tries a charge, for the embedded test
 * provider: number (Luhn and the brand's lengths, through `card-validator`), expiry (month 1–12,
 * not before the current month in UTC) and CVC (the brand's code size: 4 digits for American
 * Express, 3 for the others). A failure carries Stripe's decline code and the field it is about.
 */
export interface CardProblem {
  field: "card.number" | "card.expiry" | "card.cvc";
  /** Stripe's code for the same refusal (https://docs.stripe.com/error-codes). */
  code: "incorrect_number" | "invalid_expiry_month" | "invalid_expiry_year" | "expired_card" | "incorrect_cvc";
  reason: string;
}

export interface CardDetails {
  /** As typed: groups of digits with spaces or dashes are fine. */
  number: string;
  /** "MM/YY", "MM/YYYY" or "MMYY", as the shopper types it; absent only while old forms send none. */
  expiry?: string;
  cvc?: string;
}

/** Digits only: shoppers type card numbers in groups. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "");
}

/** The first problem with the card's details, or null when Stripe would try the charge. */
export function cardProblem(card: CardDetails, now: Date): CardProblem | null {
  const digits = normalizeCardNumber(card.number);
  const number = valid.number(digits);
  if (!/^\d+$/.test(digits) || !number.isValid) {
    return { field: "card.number", code: "incorrect_number", reason: "the card number is incorrect" };
  }
  if (card.expiry !== undefined) {
    const problem = expiryProblem(card.expiry, now);
    if (problem) return problem;
  }
  if (card.cvc !== undefined) {
    // The brand decides the size: American Express prints 4 digits on the front, others 3 on the back.
    const size = number.card?.code.size ?? 3;
    const cvc = card.cvc.trim();
    if (!/^\d+$/.test(cvc) || !valid.cvv(cvc, size).isValid || cvc.length !== size) {
      return {
        field: "card.cvc",
        code: "incorrect_cvc",
        reason: `the security code must be ${size} digits${size === 4 ? " (American Express)" : ""}`,
      };
    }
  }
  return null;
}

const EXPIRY = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/;

function expiryProblem(raw: string, now: Date): CardProblem | null {
  const match = EXPIRY.exec(raw.trim());
  if (!match) {
    return { field: "card.expiry", code: "invalid_expiry_month", reason: "the expiry date must look like MM/YY" };
  }
  const month = Number(match[1]);
  const yearText = match[2] ?? "";
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (month < 1 || month > 12) {
    return { field: "card.expiry", code: "invalid_expiry_month", reason: "the expiry month must be 01 to 12" };
  }
  // A card works until the end of its expiry month; the month is compared in UTC, like every date here.
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const expires = year * 12 + (month - 1);
  if (expires < thisMonth) {
    return { field: "card.expiry", code: "expired_card", reason: "the card has expired" };
  }
  // Stripe refuses an expiry year more than 50 years ahead; so does the test provider.
  if (year > now.getUTCFullYear() + 50) {
    return { field: "card.expiry", code: "invalid_expiry_year", reason: "the expiry year is too far ahead" };
  }
  return null;
}
