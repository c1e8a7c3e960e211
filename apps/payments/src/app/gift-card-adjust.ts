import type { AuthUser } from "@mercato/kit";
import { notFound } from "@mercato/kit";
import type { z } from "zod";
import type { adjustGiftCardInput, GiftCardView } from "../contract.ts";
import { cardById, moveBalance } from "../db/gift-card-queries.ts";
import type { PaymentsDeps } from "../deps.ts";
import { checkAdjustment } from "../domain/gift-card-balance.ts";
import { giftCardView } from "./gift-card-view.ts";

/** A staff correction of the balance, with a reason; never below zero (the same guard as checkout). */
export async function adjustGiftCard(
  deps: PaymentsDeps,
  user: AuthUser,
  input: z.output<typeof adjustGiftCardInput>,
): Promise<GiftCardView> {
  return deps.db.write(async (tx) => {
    const card = await cardById(tx, input.cardId);
    if (!card) throw notFound("cardId", "no such gift card");
    checkAdjustment(card.balance, input.amount);
    const moved = await moveBalance(
      tx,
      { cardId: card.id, kind: "adjust", amount: input.amount, reason: input.reason, actorId: user.id },
      { anyStatus: true },
    );
    if (!moved) throw new Error(`gift card ${card.id} refused an adjustment its rule allowed`);
    return giftCardView(moved);
  });
}
