import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { MOVEMENT_KINDS, RESERVATION_STATUSES, type ReservationLine, type Shortage } from "../contract.ts";

export { auditLog, inbox, outbox } from "@mercato/events/tables";

/** Stock per SKU. `available` is never stored: it is always on_hand − reserved. */
export const stock = sqliteTable(
  "stock",
  {
    sku: text("sku").primaryKey(),
    onHand: integer("on_hand").notNull().default(0),
    reserved: integer("reserved").notNull().default(0),
    lowStockThreshold: integer("low_stock_threshold").notNull().default(5),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // The last line of defence: even a buggy statement cannot oversell or go negative.
    check("stock_on_hand_not_negative", sql`${t.onHand} >= 0`),
    check("stock_reserved_not_negative", sql`${t.reserved} >= 0`),
    check("stock_reserved_within_on_hand", sql`${t.reserved} <= ${t.onHand}`),
  ],
);

/**
 * One reservation per order (unique order id), including refusals, so a re-delivered or
 * re-published `orders.placed` always gets the first answer instead of a second try.
 */
export const reservations = sqliteTable(
  "reservations",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull().unique(),
    status: text("status", { enum: RESERVATION_STATUSES }).notNull(),
    lines: text("lines", { mode: "json" }).$type<ReservationLine[]>().notNull(),
    shortages: text("shortages", { mode: "json" }).$type<Shortage[]>(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** The order's saga correlation id, so the sweeper's expiry event joins the same trace. */
    correlationId: text("correlation_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("reservations_status_expires").on(t.status, t.expiresAt)],
);

/** Every stock movement, with the levels before and after: the books that must sum to `stock`. */
export const ledger = sqliteTable(
  "ledger",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sku: text("sku").notNull(),
    kind: text("kind", { enum: MOVEMENT_KINDS }).notNull(),
    deltaOnHand: integer("delta_on_hand").notNull(),
    deltaReserved: integer("delta_reserved").notNull(),
    reason: text("reason").notNull(),
    /** A user id, or "system" for movements caused by events and workers. */
    actor: text("actor").notNull(),
    orderId: text("order_id"),
    onHandBefore: integer("on_hand_before").notNull(),
    onHandAfter: integer("on_hand_after").notNull(),
    reservedBefore: integer("reserved_before").notNull(),
    reservedAfter: integer("reserved_after").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("ledger_sku_id").on(t.sku, t.id), index("ledger_order").on(t.orderId)],
);

/**
 * Who sells each SKU (#20): learnt from the catalog's product events (`ownerId`: null = the shop,
 * else the seller's user id), so a seller adjusts and lists only its own SKUs' stock.
 */
export const skuOwners = sqliteTable(
  "sku_owners",
  {
    sku: text("sku").primaryKey(),
    productId: text("product_id").notNull(),
    ownerId: text("owner_id"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sku_owners_owner").on(t.ownerId)],
);
