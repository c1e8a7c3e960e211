import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { MESSAGE_CHANNELS, MESSAGE_STATUSES, type MessageKind } from "../contract.ts";
import type { ChannelChoices } from "../domain/preferences.ts";

export { auditLog, inbox, outbox } from "@mercato/events/tables";
// Live staff alerts and the support chat (#22).
export * from "./alerts-schema.ts";
export * from "./support-schema.ts";
// Outbound webhooks for integrators (#24).
export * from "./webhooks-schema.ts";

/**
 * Every outgoing message — email, SMS or web push — whatever the transport: the dev mailbox and the
 * send log in one. All channels share this queue, its retry schedule and its dead-letter (failed).
 */
export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    /** email: `to` is an address; sms: an E.164 number; push: a push_subscriptions id. */
    channel: text("channel", { enum: MESSAGE_CHANNELS }).notNull().default("email"),
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
    /**
     * The account the recipient holds, when the event said (or an earlier order event told us):
     * the user's preferences were applied, and deleting the account finds the row by it. Null for
     * guests and staff alerts.
     */
    userId: text("user_id"),
    /** Push only: the storefront page the notification opens. */
    url: text("url"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // However often an event is delivered, each recipient gets each of its messages once per channel.
    uniqueIndex("messages_event_template_channel_to").on(t.eventId, t.template, t.channel, t.to),
    index("messages_status_next").on(t.status, t.nextAttemptAt),
    // Ids are UUIDv7 (time-ordered), so the mailbox pages newest-first by id alone.
    index("messages_to_id").on(t.to, t.id),
    index("messages_throttle").on(t.throttleKey, t.createdAt),
    index("messages_user").on(t.userId),
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

/**
 * Each user's latest contact preferences (identity.user.preferences_changed.v1), kept by
 * `updatedAt`: an older event never overwrites a newer one. No email here: the key is the user id.
 */
export const preferences = sqliteTable("preferences", {
  userId: text("user_id").primaryKey(),
  marketingConsent: integer("marketing_consent", { mode: "boolean" }).notNull(),
  marketingConsentAt: integer("marketing_consent_at", { mode: "timestamp_ms" }),
  regionId: text("region_id"),
  language: text("language"),
  /** JSON: per notification kind, the channels wanted (a kind left out = the default, email). */
  channels: text("channels", { mode: "json" }).$type<ChannelChoices>().notNull(),
  /** The account's phone number (E.164) for SMS, as identity last told; null: none on file. */
  phone: text("phone"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Which account placed an order (from orders.placed / orders.paid), so the emails of later order
 * events, which name the order but not the user, honour that user's preferences. Guests' orders
 * have no row. Holds no address.
 */
export const orderUsers = sqliteTable(
  "order_users",
  {
    orderId: text("order_id").primaryKey(),
    userId: text("user_id").notNull(),
  },
  (t) => [index("order_users_user").on(t.userId)],
);

/**
 * The titles of an order's lines by SKU (from orders.placed), so the shipment and return emails,
 * whose events carry SKUs and quantities only, name the products. No personal data.
 */
export const orderLines = sqliteTable(
  "order_lines",
  {
    orderId: text("order_id").notNull(),
    sku: text("sku").notNull(),
    title: text("title").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.sku] })],
);

/** Each return's number by id (from orders.return.requested), for the exchange's shipment email. */
export const orderReturns = sqliteTable("order_returns", {
  returnId: text("return_id").primaryKey(),
  orderId: text("order_id").notNull(),
  returnNumber: text("return_number").notNull(),
});

/**
 * Accounts deleted (identity.user.deleted.v1): only the id and when, never the address. An event
 * about such a user that arrives late (another stream, a retry) records no message and no
 * preferences for them.
 */
export const deletedUsers = sqliteTable("deleted_users", {
  userId: text("user_id").primaryKey(),
  deletedAt: integer("deleted_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * The browsers' web push subscriptions (the PushSubscription JSON the storefront hands over), by
 * whom they notify: a signed-in user, or a guest's order. A 404/410 from the push service removes
 * the row.
 */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    /** The signed-in shopper it notifies (their orders), or null for a guest's. */
    userId: text("user_id"),
    /** A guest's order it notifies (from the guest order cookie), or null. */
    orderId: text("order_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint").on(t.endpoint),
    index("push_subscriptions_user").on(t.userId),
    index("push_subscriptions_order").on(t.orderId),
  ],
);

/**
 * Numbers that texted an opt-out word (STOP, UNSUBSCRIBE, CANCEL, END, QUIT) to the shop's Twilio
 * number: no SMS goes to them until they text START, which deletes the row.
 */
export const smsOptOuts = sqliteTable("sms_opt_outs", {
  phone: text("phone").primaryKey(),
  /** The word they sent, upper-cased. */
  word: text("word").notNull(),
  optedOutAt: integer("opted_out_at", { mode: "timestamp_ms" }).notNull(),
});

export type MessageRow = typeof messages.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
