import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { user } from "./auth-schema.ts";

/**
 * Customer groups (#27), e.g. wholesale or staff: the catalog's price lists name a group by id.
 * A customer is in at most one group (the user id is the membership's key), so a shopper's
 * prices follow from one group: it travels in the user's token as the `grp` claim.
 */
export const customerGroups = sqliteTable("customer_groups", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export const customerGroupMembers = sqliteTable(
  "customer_group_members",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => customerGroups.id, { onDelete: "cascade" }),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("customer_group_members_group").on(t.groupId, t.addedAt)],
);
