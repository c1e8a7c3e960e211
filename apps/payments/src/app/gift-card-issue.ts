import type { Tx } from "@mercato/db";
import { createEvent, enqueue, GiftCardIssued } from "@mercato/events";
import type { AuthUser } from "@mercato/kit";
import type { Currency } from "@mercato/pricing";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { IssuedGiftCard, issueForOrderInput, issueGiftCardInput } from "../contract.ts";
import { moveBalance } from "../db/gift-card-queries.ts";
import { giftCards } from "../db/gift-cards-schema.ts";
import type * as schema from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { CODE_RANDOM_BYTES, codeHash, codeLast4, formatCode } from "../domain/gift-card-code.ts";
import { giftCardView } from "./gift-card-view.ts";

interface NewCard {
  amount: number;
  currency: Currency;
  recipientEmail: string;
  recipientName: string;
  message: string;
  purchaserUserId: string | null;
  orderId: string | null;
  lineId: string | null;
  reason: string;
  actorId: string | null;
}

/** Inserts a card and its "issue" ledger entry in the caller's write; answers the code once. */
async function insertCard(tx: Tx<typeof schema>, card: NewCard): Promise<IssuedGiftCard> {
  const code = formatCode(crypto.getRandomValues(new Uint8Array(CODE_RANDOM_BYTES)));
  const now = new Date();
  const id = `gc_${Bun.randomUUIDv7()}`;
  await tx.insert(giftCards).values({
    id,
    codeHash: codeHash(code),
    last4: codeLast4(code),
    currency: card.currency,
    initialAmount: card.amount,
    // The issue entry below brings the balance to the amount, so the ledger sums to it from the start.
    balance: 0,
    status: "active",
    recipientEmail: card.recipientEmail.toLowerCase(),
    recipientName: card.recipientName,
    message: card.message,
    purchaserUserId: card.purchaserUserId,
    orderId: card.orderId,
    lineId: card.lineId,
    deliveryCode: code,
    createdAt: now,
    updatedAt: now,
  });
  const issued = await moveBalance(tx, {
    cardId: id,
    kind: "issue",
    amount: card.amount,
    orderId: card.orderId,
    reason: card.reason,
    actorId: card.actorId,
  });
  if (!issued) throw new Error(`gift card ${id} vanished while being issued`);
  // The recipient's email goes out through the outbox, in this same write; the code stays here.
  await enqueue(
    tx,
    createEvent(
      GiftCardIssued,
      {
        cardId: id,
        orderId: card.orderId,
        amount: card.amount,
        currency: card.currency,
        recipientEmail: issued.recipientEmail,
        recipientName: card.recipientName,
      },
      { key: id, correlationId: card.orderId ?? id },
    ),
  );
  return { card: giftCardView(issued), code };
}

/** Staff issue a card by hand, with a reason; the answer is the only time the code is shown. */
export async function issueGiftCard(
  deps: PaymentsDeps,
  user: AuthUser,
  input: z.output<typeof issueGiftCardInput>,
): Promise<IssuedGiftCard> {
  return deps.db.write((tx) =>
    insertCard(tx, {
      ...input,
      purchaserUserId: null,
      orderId: null,
      lineId: null,
      actorId: user.id,
    }),
  );
}

/**
 * The card bought by a paid order's gift-card line: issued once per (order, line), so a
 * redelivered "order paid" changes nothing. The code goes to the recipient by email
 * (notifications claims it); the answer never carries it.
 */
export async function issueGiftCardForOrder(deps: PaymentsDeps, input: z.output<typeof issueForOrderInput>) {
  return deps.db.write(async (tx) => {
    const [existing] = await tx
      .select()
      .from(giftCards)
      .where(and(eq(giftCards.orderId, input.orderId), eq(giftCards.lineId, input.lineId)));
    if (existing) return { card: giftCardView(existing), created: false };
    const { card } = await insertCard(tx, {
      ...input,
      reason: `bought with order ${input.orderId}`,
      actorId: null,
    });
    return { card, created: true };
  });
}
