import type { GiftCardEntryView, GiftCardView } from "../contract.ts";
import type { GiftCardEntryRow, GiftCardRow } from "../db/gift-card-queries.ts";

/** A card as screens show it: never the code or its hash. */
export function giftCardView(row: GiftCardRow): GiftCardView {
  return {
    id: row.id,
    last4: row.last4,
    currency: row.currency,
    initialAmount: row.initialAmount,
    balance: row.balance,
    status: row.status,
    recipientEmail: row.recipientEmail,
    recipientName: row.recipientName,
    purchaserUserId: row.purchaserUserId,
    orderId: row.orderId,
    createdAt: row.createdAt,
  };
}

export function giftCardEntryView(row: GiftCardEntryRow): GiftCardEntryView {
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    balanceAfter: row.balanceAfter,
    orderId: row.orderId,
    reason: row.reason,
    actorId: row.actorId,
    createdAt: row.createdAt,
  };
}
