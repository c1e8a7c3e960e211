import type { AlertKind } from "@mercato/events/schemas";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Live staff alerts (#22): one row per alert, raised once per cause (`dedupe_key`: the low-stock
 * event, the dead letter, the stuck order…), acknowledged by one staff member (who and when).
 */
export const alerts = sqliteTable(
  "alerts",
  {
    /** UUIDv7: time-ordered, so the list pages newest first by id. */
    id: text("id").primaryKey(),
    kind: text("kind").$type<AlertKind>().notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    /** What it is about: a SKU, an order, a consumer and event type. */
    subject: text("subject").notNull(),
    message: text("message").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    acknowledgedAt: integer("acknowledged_at", { mode: "timestamp_ms" }),
    acknowledgedBy: text("acknowledged_by"),
    acknowledgedByEmail: text("acknowledged_by_email"),
  },
  (t) => [index("alerts_unread").on(t.acknowledgedAt, t.id), index("alerts_kind_created").on(t.kind, t.createdAt)],
);

/** Each `payments.failed.v1` seen, by event id, for the spike count over a sliding window. Ids only. */
export const alertPaymentFailures = sqliteTable(
  "alert_payment_failures",
  {
    eventId: text("event_id").primaryKey(),
    failedAt: integer("failed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("alert_payment_failures_at").on(t.failedAt)],
);

/**
 * Orders placed and not yet paid or cancelled (from orders.placed / paid / cancelled), for the
 * stuck-order check. A row is deleted when the order progresses; `alerted_at` once it was alerted.
 */
export const alertOpenOrders = sqliteTable(
  "alert_open_orders",
  {
    orderId: text("order_id").primaryKey(),
    number: text("number").notNull(),
    placedAt: integer("placed_at", { mode: "timestamp_ms" }).notNull(),
    alertedAt: integer("alerted_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("alert_open_orders_placed").on(t.alertedAt, t.placedAt)],
);
