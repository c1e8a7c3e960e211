import type { AuthUser } from "@mercato/kit";
import { notFound } from "@mercato/kit";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { disableGiftCardInput, GiftCardView } from "../contract.ts";
import { cardById, moveBalance } from "../db/gift-card-queries.ts";
import { giftCards } from "../db/gift-cards-schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { giftCardView } from "./gift-card-view.ts";

/**
 * Staff disable a card (lost, fraud): every later redemption is refused; holds already taken
 * stay as they are. The ledger records who and why (an entry of amount 0). Idempotent.
 */
export async function disableGiftCard(
  deps: PaymentsDeps,
  user: AuthUser,
  input: z.output<typeof disableGiftCardInput>,
): Promise<GiftCardView> {
  return deps.db.write(async (tx) => {
    const card = await cardById(tx, input.cardId);
    if (!card) throw notFound("cardId", "no such gift card");
    if (card.status === "disabled") return giftCardView(card);
    const moved = await moveBalance(
      tx,
      { cardId: card.id, kind: "adjust", amount: 0, reason: `disabled: ${input.reason}`, actorId: user.id },
      { anyStatus: true },
    );
    if (!moved) throw new Error(`gift card ${card.id} vanished while disabling`);
    const [disabled] = await tx
      .update(giftCards)
      .set({ status: "disabled", updatedAt: new Date() })
      .where(eq(giftCards.id, card.id))
      .returning();
    if (!disabled) throw new Error(`gift card ${card.id} vanished while disabling`);
    return giftCardView(disabled);
  });
}
