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

/**
 * The staff audit log (#20): every staff action that changes money, stock or access, with who did
 * it, what, when, and JSON snapshots before and after. Each service keeps its own, written by the
 * kit's `recordAudit` (`@mercato/kit/audit`) in the same transaction as the change where the use
 * case can, and read by `<svc>.admin.audit.list`.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id").notNull(),
    actorEmail: text("actor_email").notNull(),
    actorRole: text("actor_role").notNull(),
    /** The procedure, e.g. `orders.admin.refund`. */
    action: text("action").notNull(),
    /** What it acted on: an order id, a SKU, a product id. */
    targetId: text("target_id").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_log_at").on(t.at, t.id),
    index("audit_log_actor").on(t.actorId, t.at),
    index("audit_log_target").on(t.targetId, t.at),
  ],
);
