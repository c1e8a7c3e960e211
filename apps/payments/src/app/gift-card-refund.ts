import { conflict, notFound } from "@mercato/kit";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { refundGiftCardInput } from "../contract.ts";
import { moveBalance } from "../db/gift-card-queries.ts";
import { giftCardHolds, giftCardLedger } from "../db/gift-cards-schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { refundableToCard } from "../domain/gift-card-balance.ts";
import { holdsOfOrder } from "./gift-card-hold.ts";

/**
 * A refund of a paid order that a gift card paid for (in part): credits the card, at most what
 * the order took from it, in one write with its ledger entry. The same idempotency key credits
 * once. Orders decides how a refund splits between the card and the card payment.
 */
export async function refundToGiftCard(deps: PaymentsDeps, input: z.output<typeof refundGiftCardInput>) {
  await deps.db.write(async (tx) => {
    const [hold] = await tx
      .select()
      .from(giftCardHolds)
      .where(and(eq(giftCardHolds.orderId, input.orderId), eq(giftCardHolds.status, "committed")));
    if (!hold) throw notFound("orderId", "no gift card paid for this order");
    const [done] = await tx
      .select({ id: giftCardLedger.id, amount: giftCardLedger.amount })
      .from(giftCardLedger)
      .where(and(eq(giftCardLedger.cardId, hold.cardId), eq(giftCardLedger.idempotencyKey, input.idempotencyKey)));
    if (done) {
      if (done.amount !== input.amount) throw conflict("idempotencyKey", "this key was used for another amount");
      return;
    }
    if (input.amount > refundableToCard(hold)) {
      throw conflict("amount", `at most ${refundableToCard(hold)} can go back to the gift card`);
    }
    const [updated] = await tx
      .update(giftCardHolds)
      .set({ refunded: sql`${giftCardHolds.refunded} + ${input.amount}`, updatedAt: new Date() })
      .where(
        and(eq(giftCardHolds.id, hold.id), sql`${giftCardHolds.refunded} + ${input.amount} <= ${giftCardHolds.amount}`),
      )
      .returning();
    if (!updated) throw conflict("amount", "the refund exceeds what the gift card paid");
    const card = await moveBalance(
      tx,
      {
        cardId: hold.cardId,
        kind: "refund",
        amount: input.amount,
        orderId: input.orderId,
        reason: `refund of order ${input.orderId}`,
        idempotencyKey: input.idempotencyKey,
      },
      { anyStatus: true },
    );
    if (!card) throw new Error(`gift card ${hold.cardId} vanished while refunding`);
  });
  return holdsOfOrder(deps, input.orderId);
}
