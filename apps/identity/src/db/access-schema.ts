import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

/**
 * Staff invitations (#20): a superadmin invites an email to a role; the invitee sets a name and a
 * password at /account/accept-invitation. Only the SHA-256 of the one-time token is kept for
 * acceptance; `url` (with the token) waits for notifications to claim it (like account links)
 * and is cleared once the invitation is accepted or revoked. Single use: `accepted_at`.
 */
export const staffInvitations = sqliteTable(
  "staff_invitations",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    role: text("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    url: text("url"),
    invitedBy: text("invited_by").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    acceptedUserId: text("accepted_user_id"),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("staff_invitations_email").on(t.email)],
);
