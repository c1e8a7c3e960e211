import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { WebhookDeliveryStatus, WebhookEventType, WebhookMessageType } from "../contract-webhooks.ts";

/**
 * Outbound webhook endpoints (#24): where integrators want events, which types, and the signing
 * secret, stored encrypted (AES-256-GCM, domain/webhook-secrets.ts) and never returned but on
 * create and rotate. After a rotation the previous secret signs too until its expiry.
 */
export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  eventTypes: text("event_types", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  secretCiphertext: text("secret_ciphertext").notNull(),
  previousSecretCiphertext: text("previous_secret_ciphertext"),
  previousSecretExpiresAt: integer("previous_secret_expires_at", { mode: "timestamp_ms" }),
  /** Failed attempts in a row, and when the streak began; both cleared by a success. */
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  failingSince: integer("failing_since", { mode: "timestamp_ms" }),
  /** Set when the service turned the endpoint off after sustained failure (staff were emailed). */
  disabledReason: text("disabled_reason"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * One message to one endpoint: its id is the `webhook-id` header, its payload the exact body, so
 * every retry and redelivery sends the same bytes under the same id. Rows, not memory: a crash
 * mid-send leaves the row leased, and it is sent again when the lease ends (at-least-once).
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The platform event it was made from (or `test:<uuid>` for a test event). */
    eventId: text("event_id").notNull(),
    type: text("type").$type<WebhookMessageType>().notNull(),
    payload: text("payload").notNull(),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    /** Attempts in the current round; a manual redelivery starts a new one. */
    attempts: integer("attempts").notNull().default(0),
    /** When the worker may pick it up: backoff after a failure, a lease while sending. */
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastStatusCode: integer("last_status_code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // However often an event is delivered to us, each endpoint gets one message for it.
    uniqueIndex("webhook_deliveries_endpoint_event").on(t.endpointId, t.eventId),
    index("webhook_deliveries_due").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_id").on(t.endpointId, t.id),
  ],
);

/** The delivery log: one row per attempt, with what the receiver answered (truncated). */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    responseExcerpt: text("response_excerpt"),
  },
  (t) => [index("webhook_attempts_delivery").on(t.deliveryId, t.id)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
