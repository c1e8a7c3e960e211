import type { Currency } from "@mercato/pricing";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PRICE_LIST_KINDS } from "../contract.ts";

/**
 * Price lists (#27): a sale (a window, for everyone or a group) or a group's standing prices. A
 * list either fixes prices per variant and currency (`price_list_prices`) or takes a percentage
 * off a selection (`price_list_targets`: products or categories). Times are UTC ms; the window is
 * [starts_at, ends_at), either end open.
 */
export const priceLists = sqliteTable(
  "price_lists",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: PRICE_LIST_KINDS }).notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }),
    /** The customer group it is for (identity's group id); null = every shopper. */
    groupId: text("group_id"),
    /** Basis points off the selection (2500 = 25 %); null for a list of fixed prices. */
    percentOffBps: integer("percent_off_bps"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("price_lists_window").on(t.endsAt, t.startsAt)],
);

export const priceListPrices = sqliteTable(
  "price_list_prices",
  {
    priceListId: text("price_list_id")
      .notNull()
      .references(() => priceLists.id, { onDelete: "cascade" }),
    sku: text("sku").notNull(),
    currency: text("currency").$type<Currency>().notNull(),
    amount: integer("amount").notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceListId, t.sku, t.currency] }), index("price_list_prices_sku").on(t.sku)],
);

/** What a percentage list covers: whole products, or every product in a category. */
export const priceListTargets = sqliteTable(
  "price_list_targets",
  {
    priceListId: text("price_list_id")
      .notNull()
      .references(() => priceLists.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["product", "category"] }).notNull(),
    targetId: text("target_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceListId, t.kind, t.targetId] })],
);
