import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { inbox, outbox } from "@mercato/events/tables";

/**
 * Analytics' own books, fed only by events (never by another service's database). Every table
 * ends the same whatever order the events are recorded in — counters per UTC day that events add
 * to, latest facts kept by event id (uuid v7: time-ordered), a customer's first order as the
 * earliest of its paid events, refunds of an order not yet seen parked until it is — so two
 * replicas sharing the consumers, and a rebuild replaying one stream after another, arrive at the
 * same rows as one live consumer. Reports join them at read time.
 */

/** Sales per UTC day, currency and region ("" = an order without a region): orders.* events. */
export const dailySales = sqliteTable(
  "daily_sales",
  {
    day: text("day").notNull(),
    currency: text("currency").notNull(),
    region: text("region").notNull(),
    /** Orders placed (checkouts started), on the day placed. */
    checkouts: integer("checkouts").notNull().default(0),
    /** Orders paid and their totals, units and discounts, on the day paid. */
    orders: integer("orders").notNull().default(0),
    revenue: integer("revenue").notNull().default(0),
    units: integer("units").notNull().default(0),
    discount: integer("discount").notNull().default(0),
    newCustomers: integer("new_customers").notNull().default(0),
    returningCustomers: integer("returning_customers").notNull().default(0),
    /** Refunds (orders.refunded) and their amounts, on the day refunded. */
    refunds: integer("refunds").notNull().default(0),
    refunded: integer("refunded").notNull().default(0),
    /** Orders cancelled before they were paid (rejected by stock, expired, cancelled), on the day cancelled. */
    cancelledUnpaid: integer("cancelled_unpaid").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency, t.region] })],
);

/** What an order was, as orders told it: to place its refunds and cancellation in its currency and region. */
export const orderFacts = sqliteTable("order_facts", {
  orderId: text("order_id").primaryKey(),
  currency: text("currency").notNull(),
  region: text("region").notNull(),
  total: integer("total").notNull(),
  placedDay: text("placed_day"),
  paidDay: text("paid_day"),
});

/**
 * Customers who paid an order: a one-way hash of the account (or the email of a guest), never the
 * address; with their first paid order (the earliest orders.paid by event id) and where it counted.
 */
export const customers = sqliteTable("customers", {
  key: text("key").primaryKey(),
  firstEventId: text("first_event_id").notNull(),
  firstOrderId: text("first_order_id").notNull(),
  firstDay: text("first_day").notNull(),
  firstCurrency: text("first_currency").notNull(),
  firstRegion: text("first_region").notNull(),
});

/** Refunds and cancellations of an order analytics has not seen placed or paid yet: counted when it is. */
export const pendingOrderEvents = sqliteTable("pending_order_events", {
  eventId: text("event_id").primaryKey(),
  orderId: text("order_id").notNull(),
  kind: text("kind", { enum: ["refund", "cancelled_unpaid"] }).notNull(),
  day: text("day").notNull(),
  amount: integer("amount").notNull(),
  currency: text("currency"),
});

/** Paid line revenue (unit price × quantity, before order discounts) and units per product, day and currency. */
export const productDaily = sqliteTable(
  "product_daily",
  {
    day: text("day").notNull(),
    currency: text("currency").notNull(),
    productId: text("product_id").notNull(),
    revenue: integer("revenue").notNull().default(0),
    units: integer("units").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency, t.productId] })],
);

/** Paid units per SKU and day: the sales rate behind stock at risk. */
export const skuDaily = sqliteTable(
  "sku_daily",
  {
    day: text("day").notNull(),
    sku: text("sku").notNull(),
    productId: text("product_id").notNull(),
    units: integer("units").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.sku] })],
);

/** The latest of each product: catalog.product.* (title, brand, categories); else the title an order line carried. */
export const products = sqliteTable("products", {
  productId: text("product_id").primaryKey(),
  title: text("title").notNull(),
  brand: text("brand"),
  /** JSON array of category ids. */
  categoryIds: text("category_ids").notNull().default("[]"),
  /** The event the row is from ("" for an order line's title): a later event id wins. */
  eventId: text("event_id").notNull(),
});

/** Carts started (a first item into an empty cart), items and units added, per day and currency. */
export const dailyCarts = sqliteTable(
  "daily_carts",
  {
    day: text("day").notNull(),
    currency: text("currency").notNull(),
    carts: integer("carts").notNull().default(0),
    itemsAdded: integer("items_added").notNull().default(0),
    unitsAdded: integer("units_added").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency] })],
);

/** Sampled searches per day and normalised text: events seen, the searches they stand for, and those with no result. */
export const dailySearches = sqliteTable(
  "daily_searches",
  {
    day: text("day").notNull(),
    query: text("query").notNull(),
    samples: integer("samples").notNull().default(0),
    /** Σ 1 / sampleRate: the searches the samples stand for. */
    estimated: real("estimated").notNull().default(0),
    /** Σ 1 / sampleRate over the samples that found nothing. */
    zeroResults: real("zero_results").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.query] })],
);

/** The latest stock of each SKU (inventory.stock.changed). */
export const stock = sqliteTable("stock", {
  sku: text("sku").primaryKey(),
  onHand: integer("on_hand").notNull(),
  reserved: integer("reserved").notNull(),
  available: integer("available").notNull(),
  /** The event the row is from: a later event id wins. */
  eventId: text("event_id").notNull(),
});

/** Checkout payments taken (purpose "order") and refunds per day and currency (payments.*): the payments book's side. */
export const dailyPayments = sqliteTable(
  "daily_payments",
  {
    day: text("day").notNull(),
    currency: text("currency").notNull(),
    succeeded: integer("succeeded").notNull().default(0),
    captured: integer("captured").notNull().default(0),
    refunds: integer("refunds").notNull().default(0),
    refunded: integer("refunded").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency] })],
);

/** Accounts registered per day (identity.user.registered). */
export const dailySignups = sqliteTable("daily_signups", {
  day: text("day").primaryKey(),
  signups: integer("signups").notNull().default(0),
});

/** The tables a rebuild empties and refills (everything but the inbox and outbox). */
export const AGGREGATE_TABLES = [
  dailySales,
  orderFacts,
  customers,
  pendingOrderEvents,
  productDaily,
  skuDaily,
  products,
  dailyCarts,
  dailySearches,
  stock,
  dailyPayments,
  dailySignups,
] as const;
