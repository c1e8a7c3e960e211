import { CURRENCIES } from "@mercato/pricing";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { GIFT_CARD_ENTRY_KINDS, GIFT_CARD_HOLD_STATUSES, GIFT_CARD_STATUSES } from "../contract.ts";

/**
 * A gift card (#27). The code itself is never stored: `codeHash` (SHA-256 of the normalized code,
 * enough for a 130-bit random code) finds the card when a shopper types it; `last4` is what
 * screens show. `balance` is what can still be spent: holds take from it at once, so two
 * checkouts can never spend the same money (see app/gift-card-hold.ts).
 */
export const giftCards = sqliteTable(
  "gift_cards",
  {
    id: text("id").primaryKey(),
    codeHash: text("code_hash").notNull().unique(),
    last4: text("last4").notNull(),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    initialAmount: integer("initial_amount").notNull(),
    balance: integer("balance").notNull(),
    status: text("status", { enum: GIFT_CARD_STATUSES }).notNull(),
    recipientEmail: text("recipient_email").notNull(),
    recipientName: text("recipient_name").notNull(),
    message: text("message").notNull(),
    /** The account that bought it (null: a guest, or issued by staff). */
    purchaserUserId: text("purchaser_user_id"),
    /** The paid order and line that bought it; null for a card staff issued. One card per line. */
    orderId: text("order_id"),
    lineId: text("line_id"),
    /**
     * The code, kept only until notifications claims it for the recipient's email (then null):
     * the bus never carries it (see app/gift-card-delivery.ts).
     */
    deliveryCode: text("delivery_code"),
    deliveryClaimedAt: integer("delivery_claimed_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("gift_cards_order_line").on(t.orderId, t.lineId),
    index("gift_cards_created").on(t.createdAt, t.id),
    index("gift_cards_purchaser").on(t.purchaserUserId),
    index("gift_cards_recipient").on(t.recipientEmail),
  ],
);

/** Every movement of a card's balance, with its signed amount: a card's entries sum to its balance. */
export const giftCardLedger = sqliteTable(
  "gift_card_ledger",
  {
    id: text("id").primaryKey(),
    cardId: text("card_id")
      .notNull()
      .references(() => giftCards.id),
    kind: text("kind", { enum: GIFT_CARD_ENTRY_KINDS }).notNull(),
    amount: integer("amount").notNull(),
    balanceAfter: integer("balance_after").notNull(),
    orderId: text("order_id"),
    reason: text("reason").notNull(),
    /** The staff user of an issue/adjust/disable by hand; null for checkout and events. */
    actorId: text("actor_id"),
    /** A refund's idempotency key (unique per card), so a retried refund credits once. */
    idempotencyKey: text("idempotency_key"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("gift_card_ledger_card").on(t.cardId, t.createdAt, t.id),
    uniqueIndex("gift_card_ledger_key").on(t.cardId, t.idempotencyKey),
  ],
);

/**
 * What an order took from a card at checkout, as the saga's reserve/commit/release: held (the
 * balance already lowered), committed when the order is paid, released (balance given back) when
 * it fails or is cancelled unpaid. `refunded` is what refunds of the paid order credited back.
 */
export const giftCardHolds = sqliteTable(
  "gift_card_holds",
  {
    id: text("id").primaryKey(),
    cardId: text("card_id")
      .notNull()
      .references(() => giftCards.id),
    orderId: text("order_id").notNull(),
    amount: integer("amount").notNull(),
    refunded: integer("refunded").notNull().default(0),
    status: text("status", { enum: GIFT_CARD_HOLD_STATUSES }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("gift_card_holds_order_card").on(t.orderId, t.cardId),
    index("gift_card_holds_order").on(t.orderId),
  ],
);
