import { conflict } from "@mercato/kit";
import type { Currency } from "@mercato/pricing";
import type { OrderGiftCard } from "../contract.ts";
import type { OrdersDeps } from "../deps.ts";
import type { OrderState } from "../domain/order.ts";
import { UpstreamRefusal, upstream } from "./upstream.ts";

/**
 * The gift card's step of the saga, from where the order now is (#27): a paid order commits its
 * hold, one cancelled before it was paid releases it back to the card. Both are idempotent in
 * payments, so every saga step (and every redelivery of one) may call this again after a crash.
 */
export async function settleGiftCardHold(deps: OrdersDeps, state: OrderState | null | undefined): Promise<void> {
  if (!state?.placed.giftCard) return;
  const { orderId } = state.placed;
  const giftCards = deps.clients.payments.payments.giftCards.internal;
  if (state.cancellation && !state.cancellation.wasPaid) {
    await upstream("payments", giftCards.release.mutate({ orderId }));
  } else if (state.paidAt) {
    await upstream("payments", giftCards.commit.mutate({ orderId }));
  }
}

/**
 * Holds up to the order's total on the card behind `code`; a refusal (unknown, disabled, empty,
 * another currency) is the checkout's `giftCardCode` to the shopper, with payments' reason.
 */
export async function holdGiftCard(
  deps: OrdersDeps,
  orderId: string,
  code: string,
  totals: { total: number; currency: Currency },
): Promise<OrderGiftCard> {
  const hold = await upstream(
    "payments",
    deps.clients.payments.payments.giftCards.internal.hold.mutate({
      orderId,
      code,
      amount: totals.total,
      currency: totals.currency,
    }),
  ).catch((err: unknown) => {
    if (err instanceof UpstreamRefusal) throw conflict("giftCardCode", err.reason);
    throw err;
  });
  return { cardId: hold.cardId, last4: hold.last4, amount: hold.amount };
}

/** The order was not placed after all: the hold goes back to the card (logged, never thrown). */
export function releaseGiftCard(deps: OrdersDeps, orderId: string): Promise<void> {
  return deps.clients.payments.payments.giftCards.internal.release.mutate({ orderId }).then(
    () => undefined,
    (err: unknown) => deps.log.warn({ err, orderId }, "could not release the gift card hold"),
  );
}
