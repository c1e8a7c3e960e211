import { CURRENCIES } from "@mercato/pricing";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { PAYMENT_PROVIDERS, PAYMENT_PURPOSES, PAYMENT_STATUSES, REFUND_SOURCES, REFUND_STATUSES } from "../contract.ts";

export { inbox, outbox } from "@mercato/events/tables";

/**
 * One payment per (order, purpose, reference): the checkout payment, and one per exchange;
 * retries after a decline reuse it.
 */
export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    purpose: text("purpose", { enum: PAYMENT_PURPOSES }).notNull().default("order"),
    /** The return id of an exchange payment; "" (not null, so the unique index holds) for the order payment. */
    reference: text("reference").notNull().default(""),
    userId: text("user_id"),
    email: text("email").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
    /** The provider's PaymentIntent id: webhooks find the payment by it. */
    intentId: text("intent_id").notNull().unique(),
    /** Handed to the shopper's browser; proves the caller holds the intent. */
    clientSecret: text("client_secret").notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    /** Refunds the provider has confirmed, in minor units. */
    refundedAmount: integer("refunded_amount").notNull().default(0),
    /** Refunds reserved and sent to the provider but not yet confirmed. */
    refundPendingAmount: integer("refund_pending_amount").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    succeededAt: integer("succeeded_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("payments_created").on(t.createdAt, t.id),
    index("payments_status_created").on(t.status, t.createdAt),
    uniqueIndex("payments_order_slot").on(t.orderId, t.purpose, t.reference),
  ],
);

export const refunds = sqliteTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    paymentId: text("payment_id")
      .notNull()
      .references(() => payments.id),
    amount: integer("amount").notNull(),
    reason: text("reason").notNull(),
    /** The caller's key: the same key on the same payment is the same refund. */
    idempotencyKey: text("idempotency_key").notNull(),
    /** The provider's refund id (null until the provider answered). */
    providerRefundId: text("provider_refund_id").unique(),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    source: text("source", { enum: REFUND_SOURCES }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("refunds_payment_key").on(t.paymentId, t.idempotencyKey)],
);

/** Each Stripe webhook event id is applied once; a replay finds it here and changes nothing. */
export const webhookEvents = sqliteTable("webhook_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  intentId: text("intent_id").notNull(),
  receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * The provider's customer of one account, made the first time the account saves a card (#20):
 * Stripe's `cus_…` (its metadata carries the user id, never the email), or the test provider's.
 */
export const customers = sqliteTable("customers", {
  userId: text("user_id").primaryKey(),
  provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
  customerId: text("customer_id").notNull().unique(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * A card an account saved (#20): what the account page shows (brand, last 4, expiry) and the
 * provider's id to pay with it. `testCard` is the test provider's card number (a public test
 * number: its outcome decides each payment); null for Stripe, which keeps the card itself.
 */
export const savedMethods = sqliteTable(
  "saved_methods",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
    providerMethodId: text("provider_method_id").notNull().unique(),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    expMonth: integer("exp_month").notNull(),
    expYear: integer("exp_year").notNull(),
    testCard: text("test_card"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("saved_methods_user").on(t.userId, t.createdAt)],
);

export { giftCardHolds, giftCardLedger, giftCards } from "./gift-cards-schema.ts";
