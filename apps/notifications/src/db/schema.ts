import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { MESSAGE_STATUSES, type MessageKind } from "../contract.ts";

export { inbox, outbox } from "@mercato/events/tables";

/** Every outgoing email, whatever the transport: the dev mailbox and the send log in one. */
export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    to: text("to").notNull(),
    template: text("template").$type<MessageKind>().notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    /** The event that caused the message (or a fixed id for demo data). */
    eventId: text("event_id").notNull(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When the sender may next pick the row up: backoff after a failure, a lease while sending. */
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    providerId: text("provider_id"),
    lastError: text("last_error"),
    /**
     * The one-time link (password reset, email verification) the stored bodies have redacted,
     * kept only until the message is sent, for the sender to put back. Never shown.
     */
    secretUrl: text("secret_url"),
    /**
     * Emails of one kind about one thing (`payment_failed:<orderId>`) that go out at most once per
     * window: a later one finds this row and is not recorded. Null for every other email.
     */
    throttleKey: text("throttle_key"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // However often an event is delivered, each recipient gets each of its emails once.
    uniqueIndex("messages_event_template_to").on(t.eventId, t.template, t.to),
    index("messages_status_next").on(t.status, t.nextAttemptAt),
    // Ids are UUIDv7 (time-ordered), so the mailbox pages newest-first by id alone.
    index("messages_to_id").on(t.to, t.id),
    index("messages_throttle").on(t.throttleKey, t.createdAt),
  ],
);

/**
 * Events whose recipients could not be looked up yet (orders or identity unreachable). They wait
 * here, retried with backoff by the recipient worker, instead of being dead-lettered.
 */
export const deferredEvents = sqliteTable(
  "deferred_events",
  {
    eventId: text("event_id").primaryKey(),
    type: text("type").notNull(),
    payload: text("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("deferred_events_next").on(t.nextAttemptAt)],
);

export type MessageRow = typeof messages.$inferSelect;
