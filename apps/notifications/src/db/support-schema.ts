import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The support chat (#22): a shopper's conversation with the shop's support staff, about one order
 * or about their account. Plain text only; the shopper's address is kept for the "you have an
 * answer" email and deleted with the account.
 */
export const supportConversations = sqliteTable(
  "support_conversations",
  {
    /** UUIDv7. */
    id: text("id").primaryKey(),
    /** The shopper's account. */
    userId: text("user_id").notNull(),
    /** The order it is about; null for a conversation from the account page. */
    orderId: text("order_id"),
    /** Where the away email goes (the shopper's address when the conversation was opened). */
    email: text("email").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** The last message's time: the inbox sorts by it. */
    lastMessageAt: integer("last_message_at", { mode: "timestamp_ms" }).notNull(),
    /** The last message's author, so the inbox shows who is waiting. */
    lastAuthor: text("last_author", { enum: ["shopper", "staff"] }).notNull(),
    /** When the shopper last saw the conversation (read it, or had it open live). */
    shopperSeenAt: integer("shopper_seen_at", { mode: "timestamp_ms" }),
    /**
     * Set when staff answer: if the shopper has not seen the answer by then, one email tells them
     * (then it is cleared; a later answer sets it again).
     */
    awayEmailDueAt: integer("away_email_due_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("support_conversations_user").on(t.userId, t.orderId),
    index("support_conversations_inbox").on(t.lastMessageAt, t.id),
    index("support_conversations_away").on(t.awayEmailDueAt),
  ],
);

export const supportMessages = sqliteTable(
  "support_messages",
  {
    /** UUIDv7: time-ordered, so a conversation reads in id order. */
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    author: text("author", { enum: ["shopper", "staff"] }).notNull(),
    /** The author's user id. */
    authorId: text("author_id").notNull(),
    /** Plain text, bounded (SUPPORT_MESSAGE_MAX); never rendered as HTML. */
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("support_messages_conversation").on(t.conversationId, t.id)],
);
