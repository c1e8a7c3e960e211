/**
 * The embedded test provider's cards, behaving like Stripe's test mode
 * (https://docs.stripe.com/testing): the same numbers give the same outcomes.
 */
export type TestCardOutcome =
  | { kind: "succeeded" }
  | { kind: "declined"; code: string; message: string }
  | { kind: "requires_action" };

const DECLINED = "Your card was declined.";

const CARDS: Record<string, TestCardOutcome> = {
  "4242424242424242": { kind: "succeeded" },
  "4000056655665556": { kind: "succeeded" }, // Visa debit
  "5555555555554444": { kind: "succeeded" }, // Mastercard
  "378282246310005": { kind: "succeeded" }, // American Express
  "4000000000000002": { kind: "declined", code: "card_declined", message: DECLINED },
  "4000000000009995": { kind: "declined", code: "insufficient_funds", message: "Your card has insufficient funds." },
  "4000000000003220": { kind: "requires_action" },
};

/**
 * The outcome for a well-formed number. Like Stripe's test mode, a number that is not one of the
 * test cards (a real card) is declined rather than charged.
 */
export function testCardOutcome(digits: string): TestCardOutcome {
  return (
    CARDS[digits] ?? {
      kind: "declined",
      code: "card_declined",
      message: `${DECLINED} Your request was in test mode, but used a non test card.`,
    }
  );
}

/** The decline for a shopper who fails (or abandons) the extra authentication step. */
export const AUTHENTICATION_FAILED = {
  code: "payment_intent_authentication_failure",
  message: "The provided payment method has failed authentication.",
} as const;

/**
 * The shopper gave up a pending authentication step (or started again with another card): the
 * same code Stripe gives an authentication that was not completed, in words for a shopper.
 */
export const AUTHENTICATION_ABANDONED = {
  code: "payment_intent_authentication_failure",
  message: "The card's authentication step was not completed.",
} as const;
