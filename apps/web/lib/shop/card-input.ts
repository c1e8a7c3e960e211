// The test card form's own checks, with the library and rules payments' test provider applies
// (card-validator: Luhn number, a month/year not in the past, a CVC of the card type's length), so
// a shopper hears about a typo under the field before anything is sent.
import { type ConfirmTestInput, confirmTestInput } from "@mercato/payments/contract";
import cardValidator from "card-validator";

export interface CardDetails {
  number: string;
  expiry: string;
  cvc: string;
}

/** Errors keyed like the provider's field errors in `data` (`card.number`, `card.expiry`, `card.cvc`). */
export type CardErrors = Partial<Record<"card.number" | "card.expiry" | "card.cvc", string>>;

export function cardErrors(card: CardDetails): CardErrors {
  const errors: CardErrors = {};
  const number = cardValidator.number(card.number);
  if (!number.isValid) errors["card.number"] = "Enter a valid card number.";
  // Up to 50 years ahead, as Stripe and the test provider accept (the library's default is 19).
  const expiry = cardValidator.expirationDate(card.expiry, 50);
  if (!expiry.isValid) {
    errors["card.expiry"] = expiryProblem(card.expiry);
  }
  // Amex has a four-digit code; every other type three (a number not yet known: three).
  const size = number.card?.code.size ?? 3;
  if (!cardValidator.cvv(card.cvc.trim(), size).isValid) errors["card.cvc"] = `Enter the ${size}-digit security code.`;
  return errors;
}

/** Why the library refused a date: the past (in UTC, like the provider), too far ahead, or its form. */
function expiryProblem(text: string): string {
  const m = text.match(/^\s*(0?[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})\s*$/);
  if (!m) return "Enter the expiry as MM / YY.";
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  const now = new Date();
  const past = year * 12 + Number(m[1]) < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
  return past ? "This card has expired." : "Check the expiry year.";
}

/**
 * The card part of `payments.confirmTest`'s input, in the shape payments' contract takes: the
 * details (`{ number, expiry, cvc }`, which the test provider checks like Stripe) when the contract
 * accepts them, else the number alone (the contract before payments' card checks). Read from the
 * contract's own schema, so the form sends expiry and CVC as soon as the contract names them.
 */
export function confirmCard(card: CardDetails): Pick<ConfirmTestInput, "card"> {
  const details = { number: card.number.trim(), expiry: card.expiry.trim(), cvc: card.cvc.trim() };
  const asDetails = confirmTestInput.shape.card.safeParse(details);
  return { card: asDetails.success ? asDetails.data : details.number };
}
