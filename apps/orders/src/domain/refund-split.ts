import type { RefundDestination } from "../contract.ts";
import type { OrderState } from "./order.ts";

/** One part of a refund: how much goes back, and where. */
export interface RefundPart {
  to: RefundDestination;
  amount: number;
}

/** What has gone back to `to` so far on this order. */
function refundedTo(state: Pick<OrderState, "refunds">, to: RefundDestination): number {
  return state.refunds.reduce((n, r) => (r.to === to ? n + r.amount : n), 0);
}

/** The refund id the order records for the gift-card part of the refund made under `key`. */
export function giftCardRefundId(key: string): string {
  return `gift-card-refund:${key}`;
}

/**
 * How a refund of `amount` made under `key` splits between the order's gift card and its card
 * payment (#27): the gift card first, up to what it paid less what already went back to it, the
 * rest to the card.
 *
 * Gift card first, not the card, for one reason beyond the usual retail rule (store credit goes
 * back as store credit): a gift-card refund is recorded only by the command that makes it, while
 * a card refund may also be recorded by payments' event before the command records it. So when a
 * command is retried after a crash between its two calls, the gift card's history it splits on is
 * unchanged and the retry asks both sides for exactly the same amounts again, under the same keys:
 * nothing is refunded twice. A retry after the command was recorded finds its own gift-card part
 * under `key` and splits as it did then. Parts of 0 are left out; no gift card: all to the card.
 */
export function splitRefund(
  state: Pick<OrderState, "refunds" | "giftCardPaid">,
  amount: number,
  key: string,
): RefundPart[] {
  const own = state.refunds.find((r) => r.refundId === giftCardRefundId(key));
  const giftCardLeft = Math.max(0, state.giftCardPaid - refundedTo(state, "gift_card"));
  const toGiftCard = own ? Math.min(amount, own.amount) : Math.min(amount, giftCardLeft);
  const parts: RefundPart[] = [];
  if (toGiftCard > 0) parts.push({ to: "gift_card", amount: toGiftCard });
  if (amount - toGiftCard > 0) parts.push({ to: "card", amount: amount - toGiftCard });
  return parts;
}
