/** Rules of a gift card's balance (#27). Pure: the use cases apply them inside one write. */
import { conflict, invalid } from "@mercato/kit/errors";
import type { Currency } from "@mercato/pricing";
import type { GiftCardStatus } from "../contract.ts";

export interface CardPosition {
  status: GiftCardStatus;
  currency: Currency;
  balance: number;
}

/**
 * What a checkout takes from the card for an order of `wanted`: all of it when the balance
 * covers it, else the whole balance. Refuses (naming `code`) a disabled card, another currency,
 * or an empty card.
 */
export function amountToHold(card: CardPosition, wanted: number, currency: Currency): number {
  if (card.status !== "active") throw invalid("code", "this gift card is disabled");
  if (card.currency !== currency) {
    throw invalid("code", `this gift card is in ${card.currency}, the order in ${currency}`);
  }
  if (card.balance <= 0) throw conflict("code", "this gift card has no balance left");
  return Math.min(card.balance, wanted);
}

/** A staff adjustment may lower the balance to zero, never below. */
export function checkAdjustment(balance: number, amount: number): void {
  if (balance + amount < 0) {
    throw invalid("amount", `the balance is ${balance}: an adjustment of ${amount} would make it negative`);
  }
}

/** What a refund of the order may still credit back to the card: what the hold took, less earlier refunds. */
export function refundableToCard(hold: { amount: number; refunded: number }): number {
  return Math.max(0, hold.amount - hold.refunded);
}
