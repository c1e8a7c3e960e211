import { afterCursor, decodeCursor, keysetPage, type Page } from "@mercato/db";
import type { AuthUser } from "@mercato/kit";
import { notFound } from "@mercato/kit";
import { and, asc, desc, eq, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { GiftCardEntryView, GiftCardView, listGiftCardsInput } from "../contract.ts";
import { cardById } from "../db/gift-card-queries.ts";
import { giftCardLedger, giftCards } from "../db/gift-cards-schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { codeHash } from "../domain/gift-card-code.ts";
import { giftCardEntryView, giftCardView } from "./gift-card-view.ts";

/** Staff: newest first, keyset paged; `query` matches a code's last four or a recipient email. */
export async function listGiftCards(
  deps: PaymentsDeps,
  input: z.output<typeof listGiftCardsInput>,
): Promise<Page<GiftCardView>> {
  const where: SQL[] = [];
  if (input.query) {
    const q = input.query;
    const match = or(eq(giftCards.last4, q.toUpperCase()), eq(giftCards.recipientEmail, q.toLowerCase()));
    if (match) where.push(match);
  }
  if (input.cursor) {
    const [createdAt, id] = decodeCursor(input.cursor, ["number", "string"]);
    const after = afterCursor(giftCards.createdAt, giftCards.id, [new Date(createdAt), id], "desc");
    if (after) where.push(after);
  }
  const rows = await deps.db.orm
    .select()
    .from(giftCards)
    .where(and(...where))
    .orderBy(desc(giftCards.createdAt), desc(giftCards.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit, (last) => [last.createdAt.getTime(), last.id]);
  return { items: page.items.map(giftCardView), nextCursor: page.nextCursor };
}

/** Staff: one card and its whole ledger, oldest entry first. */
export async function giftCardWithLedger(
  deps: PaymentsDeps,
  cardId: string,
): Promise<{ card: GiftCardView; ledger: GiftCardEntryView[] }> {
  const card = await cardById(deps.db.orm, cardId);
  if (!card) throw notFound("cardId", "no such gift card");
  const ledger = await deps.db.orm
    .select()
    .from(giftCardLedger)
    .where(eq(giftCardLedger.cardId, cardId))
    .orderBy(asc(giftCardLedger.createdAt), asc(giftCardLedger.id));
  return { card: giftCardView(card), ledger: ledger.map(giftCardEntryView) };
}

/** The shopper's cards: those the account bought and those sent to its email. */
export async function myGiftCards(deps: PaymentsDeps, user: AuthUser): Promise<GiftCardView[]> {
  const rows = await deps.db.orm
    .select()
    .from(giftCards)
    .where(or(eq(giftCards.purchaserUserId, user.id), eq(giftCards.recipientEmail, user.email.toLowerCase())))
    .orderBy(desc(giftCards.createdAt), desc(giftCards.id))
    .limit(200);
  return rows.map(giftCardView);
}

/**
 * Whoever holds the code may see the balance (checkout shows it before the order is placed):
 * the code is the credential, so the answer says only what the code's holder may know.
 */
export async function giftCardBalance(deps: PaymentsDeps, code: string) {
  const [card] = await deps.db.orm
    .select()
    .from(giftCards)
    .where(eq(giftCards.codeHash, codeHash(code)));
  if (!card) throw notFound("code", "no gift card has this code");
  return { last4: card.last4, currency: card.currency, balance: card.balance, status: card.status };
}
