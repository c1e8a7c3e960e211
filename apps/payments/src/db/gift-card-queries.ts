import type { Tx } from "@mercato/db";
import { eq, sql } from "drizzle-orm";
import type { GiftCardEntryKind } from "../contract.ts";
import { giftCardLedger, giftCards } from "./gift-cards-schema.ts";
import type * as schema from "./schema.ts";

export type GiftCardRow = typeof giftCards.$inferSelect;
export type GiftCardEntryRow = typeof giftCardLedger.$inferSelect;
type PaymentsTx = Tx<typeof schema>;

export interface BalanceMove {
  cardId: string;
  kind: GiftCardEntryKind;
  /** Signed: negative takes from the balance. */
  amount: number;
  orderId?: string | null;
  reason: string;
  actorId?: string | null;
  idempotencyKey?: string | null;
}

/**
 * The one way a balance moves: a single conditional UPDATE (the balance after the move is never
 * below zero, the card is active unless `anyStatus`) and its ledger entry, in the caller's
 * transaction. Answers the card after the move, or null when the guard refused it (nothing written).
 */
export async function moveBalance(
  tx: PaymentsTx,
  move: BalanceMove,
  opts: { anyStatus?: boolean } = {},
): Promise<GiftCardRow | null> {
  const now = new Date();
  const guard = opts.anyStatus
    ? sql`${giftCards.id} = ${move.cardId} and ${giftCards.balance} + ${move.amount} >= 0`
    : sql`${giftCards.id} = ${move.cardId} and ${giftCards.balance} + ${move.amount} >= 0 and ${giftCards.status} = 'active'`;
  const [card] = await tx
    .update(giftCards)
    .set({ balance: sql`${giftCards.balance} + ${move.amount}`, updatedAt: now })
    .where(guard)
    .returning();
  if (!card) return null;
  await tx.insert(giftCardLedger).values({
    id: `gce_${Bun.randomUUIDv7()}`,
    cardId: move.cardId,
    kind: move.kind,
    amount: move.amount,
    balanceAfter: card.balance,
    orderId: move.orderId ?? null,
    reason: move.reason,
    actorId: move.actorId ?? null,
    idempotencyKey: move.idempotencyKey ?? null,
    createdAt: now,
  });
  return card;
}

export async function cardById(tx: Pick<PaymentsTx, "select">, cardId: string): Promise<GiftCardRow | undefined> {
  const [card] = await tx.select().from(giftCards).where(eq(giftCards.id, cardId));
  return card;
}
