import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { FulfilmentStatus, OrderStatus, OrderView, PaymentStatus, ReturnStatus } from "../contract.ts";

export { auditLog, inbox, outbox } from "@mercato/events/tables";

/**
 * The write side: every order is the fold of its rows here. (order_id, version) is unique, so two
 * writers that decided on the same version cannot both append: the loser re-reads and retries.
 * `seq` is the global order of appends, which a rebuild replays.
 */
export const orderEvents = sqliteTable(
  "order_events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    orderId: text("order_id").notNull(),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    data: text("data", { mode: "json" }).$type<unknown>().notNull(),
    /** UTC ISO-8601, as the domain reads it. */
    occurredAt: text("occurred_at").notNull(),
  },
  (t) => [uniqueIndex("order_events_order_version").on(t.orderId, t.version)],
);

/** Order numbers: one counter row incremented in the placing transaction. */
export const counters = sqliteTable("counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
});

/**
 * Checkout idempotency: one order per (shopper, key); also who placed it, for the unpaid caps. `scope` is `user:<id>` or `email:<address>`;
 * `fingerprint` tells a retry of the same checkout from a different one reusing the key.
 */
export const checkoutKeys = sqliteTable(
  "checkout_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    orderId: text("order_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** Who placed it, for the unpaid-order caps: the client address the gateway saw (null for service calls). */
    clientAddress: text("client_address"),
    /** Lower-cased checkout email. */
    email: text("email"),
    cartId: text("cart_id"),
    /** Units ordered (the sum of the line quantities): what the order holds in stock while unpaid. */
    units: integer("units").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index("checkout_keys_client").on(t.clientAddress),
    index("checkout_keys_email").on(t.email),
    index("checkout_keys_cart").on(t.cartId),
    index("checkout_keys_order").on(t.orderId),
  ],
);

/**
 * The read model: one row per order, rebuilt from the event store at will (`orders:rebuild`).
 * Columns are what lists filter and sort on; `detail` is what a detail page shows.
 */
export const orderViews = sqliteTable(
  "order_views",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull().unique(),
    userId: text("user_id"),
    /** Lower-cased, for search. */
    email: text("email").notNull(),
    status: text("status").$type<OrderStatus>().notNull(),
    paymentStatus: text("payment_status").$type<PaymentStatus>().notNull().default("AWAITING"),
    fulfilmentStatus: text("fulfilment_status").$type<FulfilmentStatus>().notNull().default("NOT_FULFILLED"),
    /** Null for orders placed before regions. */
    regionId: text("region_id"),
    currency: text("currency").notNull(),
    total: integer("total").notNull(),
    paidAmount: integer("paid_amount").notNull(),
    refundedTotal: integer("refunded_total").notNull(),
    /** The part of refunded_total refunded for returns (the books). */
    returnsRefunded: integer("returns_refunded").notNull().default(0),
    itemCount: integer("item_count").notNull(),
    accessTokenHash: text("access_token_hash").notNull(),
    placedAt: integer("placed_at").notNull(),
    paidAt: integer("paid_at"),
    updatedAt: integer("updated_at").notNull(),
    version: integer("version").notNull(),
    detail: text("detail", { mode: "json" }).$type<OrderView>().notNull(),
  },
  (t) => [
    index("order_views_user_placed").on(t.userId, t.placedAt),
    index("order_views_status_placed").on(t.status, t.placedAt),
    index("order_views_payment_status_placed").on(t.paymentStatus, t.placedAt),
    index("order_views_fulfilment_status_placed").on(t.fulfilmentStatus, t.placedAt),
    index("order_views_placed").on(t.placedAt),
    index("order_views_email").on(t.email),
    index("order_views_paid").on(t.paidAt),
    // The dashboard and the books sum money per currency, never across currencies.
    index("order_views_currency_paid").on(t.currency, t.paidAt),
  ],
);

/**
 * The returns queue: one row per return, projected with its order (rebuilt with it). The detail
 * is on the order's view; these columns are what the queue filters, searches and pages on.
 */
export const orderReturns = sqliteTable(
  "order_returns",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    orderNumber: text("order_number").notNull(),
    number: text("number").notNull(),
    status: text("status").$type<ReturnStatus>().notNull(),
    /** Lower-cased, for search. */
    email: text("email").notNull(),
    itemCount: integer("item_count").notNull(),
    exchange: integer("exchange", { mode: "boolean" }).notNull(),
    requestedAt: integer("requested_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("order_returns_requested").on(t.requestedAt),
    index("order_returns_status_requested").on(t.status, t.requestedAt),
    index("order_returns_order").on(t.orderId),
  ],
);
