import { conflict, notFound } from "@mercato/kit";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { GiftCardHoldView, holdGiftCardInput } from "../contract.ts";
import { type GiftCardRow, moveBalance } from "../db/gift-card-queries.ts";
import { giftCardHolds, giftCards } from "../db/gift-cards-schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { amountToHold } from "../domain/gift-card-balance.ts";
import { codeHash } from "../domain/gift-card-code.ts";

type HoldRow = typeof giftCardHolds.$inferSelect;

function holdView(hold: HoldRow, card: GiftCardRow): GiftCardHoldView {
  return {
    holdId: hold.id,
    cardId: card.id,
    last4: card.last4,
    orderId: hold.orderId,
    amount: hold.amount,
    currency: card.currency,
    status: hold.status,
    balance: card.balance,
  };
}

/**
 * Checkout's reserve step for a gift card: takes up to the order's amount from the card named by
 * its code, in one write — the conditional UPDATE (balance ≥ amount, card active) and the ledger
 * entry commit together, so concurrent checkouts on one card can never overspend it. The same
 * (order, card) again answers the existing hold (a retried checkout holds once).
 */
export async function holdGiftCard(
  deps: PaymentsDeps,
  input: z.output<typeof holdGiftCardInput>,
): Promise<GiftCardHoldView> {
  return deps.db.write(async (tx) => {
    const [card] = await tx
      .select()
      .from(giftCards)
      .where(eq(giftCards.codeHash, codeHash(input.code)));
    if (!card) throw notFound("code", "no gift card has this code");
    const [existing] = await tx
      .select()
      .from(giftCardHolds)
      .where(and(eq(giftCardHolds.orderId, input.orderId), eq(giftCardHolds.cardId, card.id)));
    if (existing) return holdView(existing, card);

    const amount = amountToHold(card, input.amount, input.currency);
    const after = await moveBalance(tx, {
      cardId: card.id,
      kind: "hold",
      amount: -amount,
      orderId: input.orderId,
      reason: `held for order ${input.orderId}`,
    });
    // The rule above read the balance in this same write; the guard is the last word all the same.
    if (!after) throw conflict("code", "this gift card's balance changed; try again");
    const now = new Date();
    const [hold] = await tx
      .insert(giftCardHolds)
      .values({
        id: `gch_${Bun.randomUUIDv7()}`,
        cardId: card.id,
        orderId: input.orderId,
        amount,
        status: "held",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!hold) throw new Error("the gift card hold was not written");
    return holdView(hold, after);
  });
}

/** The order's holds with their cards (checkout and the admin read them). */
export async function holdsOfOrder(deps: PaymentsDeps, orderId: string): Promise<GiftCardHoldView[]> {
  const rows = await deps.db.orm
    .select({ hold: giftCardHolds, card: giftCards })
    .from(giftCardHolds)
    .innerJoin(giftCards, eq(giftCards.id, giftCardHolds.cardId))
    .where(eq(giftCardHolds.orderId, orderId));
  return rows.map((r) => holdView(r.hold, r.card));
}

/** The order was paid: its holds become spent money. Idempotent; a released hold stays released. */
export async function commitGiftCardHolds(deps: PaymentsDeps, orderId: string): Promise<GiftCardHoldView[]> {
  await deps.db.write((tx) =>
    tx
      .update(giftCardHolds)
      .set({ status: "committed", updatedAt: new Date() })
      .where(and(eq(giftCardHolds.orderId, orderId), eq(giftCardHolds.status, "held"))),
  );
  return holdsOfOrder(deps, orderId);
}

/**
 * The order failed or was cancelled before it was paid: each held amount goes back to its card
 * (a disabled card too: the money is the holder's). Idempotent; a committed hold is not released
 * (a paid order gives money back by refund).
 */
export async function releaseGiftCardHolds(deps: PaymentsDeps, orderId: string): Promise<GiftCardHoldView[]> {
  await deps.db.write(async (tx) => {
    const released = await tx
      .update(giftCardHolds)
      .set({ status: "released", updatedAt: new Date() })
      .where(and(eq(giftCardHolds.orderId, orderId), eq(giftCardHolds.status, "held")))
      .returning();
    for (const hold of released) {
      const card = await moveBalance(
        tx,
        {
          cardId: hold.cardId,
          kind: "release",
          amount: hold.amount,
          orderId,
          reason: `order ${orderId} was not paid`,
        },
        { anyStatus: true },
      );
      if (!card) throw new Error(`gift card ${hold.cardId} vanished while releasing a hold`);
    }
  });
  return holdsOfOrder(deps, orderId);
}
