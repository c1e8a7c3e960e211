import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The transactional outbox: a service writes its state change and these rows in one transaction;
 * the relay publishes them to JetStream with Nats-Msg-Id = id and then marks them sent.
 * Every service's drizzle schema re-exports this table so its migrations create it.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    subject: text("subject").notNull(),
    payload: text("payload").notNull(),
    headers: text("headers").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  // Only the unsent rows, which the relay reads on every drain: without it each drain scanned
  // every row ever sent.
  (t) => [index("outbox_pending").on(t.seq).where(sql`sent_at is null`)],
);

/** The idempotent inbox: an event id is recorded in the same transaction as its effect. */
export const inbox = sqliteTable(
  "inbox",
  {
    consumer: text("consumer").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    processedAt: integer("processed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);
