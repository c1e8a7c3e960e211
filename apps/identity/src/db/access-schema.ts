import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Custom staff roles a superadmin composes from `@mercato/access` permissions. Built-in roles are
 * code, not rows; a user's `role` names either.
 */
export const staffRoles = sqliteTable("staff_roles", {
  id: text("id").primaryKey(),
  label: text("label").notNull(),
  /** JSON array of permission ids. */
  permissions: text("permissions", { mode: "json" }).$type<string[]>().notNull(),
  /** "all" or "own" (a seller-like role limited to its own records). */
  scope: text("scope").notNull().default("all"),
  /** Minor units; null = no limit. */
  refundLimit: integer("refund_limit"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Access settings a superadmin changes (e.g. `support_refund_limit`), one JSON value per key. */
export const accessSettings = sqliteTable("access_settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
