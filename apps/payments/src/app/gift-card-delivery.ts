import { and, eq, isNotNull, lt } from "drizzle-orm";
import type { GiftCardDelivery } from "../contract.ts";
import { giftCards } from "../db/gift-cards-schema.ts";
import type { PaymentsDeps } from "../deps.ts";

/**
 * How long after its first claim a card's code may be claimed again: notifications may crash
 * between claiming and recording the email; after this the code is gone for good (as identity's
 * one-time links).
 */
export const DELIVERY_RECLAIM_MS = 10 * 60_000;

/**
 * Notifications claims a new card's code to email it to the recipient. Answers null when the code
 * is no longer kept (claimed more than DELIVERY_RECLAIM_MS ago): nothing to send.
 */
export async function claimGiftCardDelivery(deps: PaymentsDeps, cardId: string): Promise<GiftCardDelivery | null> {
  const now = new Date();
  await forgetClaimedCodes(deps, now);
  return deps.db.write(async (tx) => {
    const [card] = await tx
      .select()
      .from(giftCards)
      .where(and(eq(giftCards.id, cardId), isNotNull(giftCards.deliveryCode)));
    if (!card?.deliveryCode) return null;
    if (!card.deliveryClaimedAt) {
      await tx.update(giftCards).set({ deliveryClaimedAt: now }).where(eq(giftCards.id, cardId));
    }
    return {
      cardId: card.id,
      code: card.deliveryCode,
      recipientEmail: card.recipientEmail,
      recipientName: card.recipientName,
      message: card.message,
      amount: card.initialAmount,
      currency: card.currency,
    };
  });
}

/** Drops the codes claimed long enough ago: after that only their hashes remain. */
async function forgetClaimedCodes(deps: PaymentsDeps, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - DELIVERY_RECLAIM_MS);
  await deps.db.write((tx) =>
    tx
      .update(giftCards)
      .set({ deliveryCode: null })
      .where(and(isNotNull(giftCards.deliveryCode), lt(giftCards.deliveryClaimedAt, cutoff))),
  );
}
