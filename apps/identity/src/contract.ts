/**
 * Identity's contract: what its procedures take and give back, and the rules a form needs to ask
 * for the same thing. Pure (zod only), so the web imports it for its forms and buttons.
 * Sign-up, sign-in and password reset are better-auth's HTTP routes (/api/auth/*), not tRPC;
 * their bounds are here too because the storefront's forms need them.
 */
import { BUILT_IN_ROLE_IDS } from "@mercato/access";
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  notificationChannelSchema,
  notificationKindSchema,
} from "@mercato/events/schemas";
import { orderViewSchema } from "@mercato/orders/contract";
import { customerGroupIdSchema } from "@mercato/pricing";
import { z } from "zod";

/** The built-in roles (`@mercato/access`); a superadmin may add custom ones, so a role is any id. */
export const ROLES = BUILT_IN_ROLE_IDS;
export const roleSchema = z.string().trim().min(1).max(40);
export type Role = string;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** A user's display name and avatar URL, on every path that sets them (better-auth's too). */
export const NAME_MAX = 100;
export const IMAGE_MAX = 2048;

/** A saved address book is for a person, not a warehouse: a bound that stops runaway scripts. */
export const MAX_ADDRESSES_PER_USER = 50;

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(64);

/** E.164-ish: digits with an optional leading +, spaces and dashes allowed. */
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,20}$/, "a phone number like +44 20 7946 0000");

// ── Addresses ───────────────────────────────────────────────────────────────────────────────
/**
 * A postal address as a user types it. The country and postal code are checked together (and
 * put in canonical form) when it is saved: see `checkPostalCode` in domain/postal-code.ts.
 */
export const addressInput = z.object({
  name: text(100),
  line1: text(200),
  line2: z.string().trim().max(200).optional(),
  city: text(100),
  postalCode: text(16),
  country: z.string().trim().length(2, "a two-letter ISO 3166-1 country code"),
  phone: phone.optional(),
  isDefaultShipping: z.boolean().optional(),
  isDefaultBilling: z.boolean().optional(),
});
export type AddressInput = z.input<typeof addressInput>;

export const addressIdInput = z.object({ id });
export const updateAddressInput = addressIdInput.extend({ address: addressInput });

export const DEFAULT_ADDRESS_KINDS = ["shipping", "billing"] as const;
export const setDefaultAddressInput = addressIdInput.extend({ kind: z.enum(DEFAULT_ADDRESS_KINDS) });

export const address = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  postalCode: z.string(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z.string(),
  phone: z.string().nullable(),
  isDefaultShipping: z.boolean(),
  isDefaultBilling: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Address = z.infer<typeof address>;

export const deletedAddress = z.object({ id: z.string(), deleted: z.literal(true) });

// ── The signed-in user ──────────────────────────────────────────────────────────────────────
/** The user as identity's API shows it: never the password hash or ban internals beyond status. */
export const publicUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: roleSchema,
  emailVerified: z.boolean(),
  banned: z.boolean(),
  banReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PublicUser = z.infer<typeof publicUser>;

/** `phone: null` clears it; leaving it out keeps it. */
export const updateProfileInput = z.object({ name: text(NAME_MAX), phone: phone.nullable().optional() });
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

// ── Admin: users ────────────────────────────────────────────────────────────────────────────
export const listUsersInput = z.object({
  /** Contained in the email or the name, case-insensitively. */
  q: z.string().trim().max(200).optional(),
  /** Staff only (any role but customer): the admin panel's staff list. */
  staff: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).default(0),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

export const userList = z.object({ items: z.array(publicUser), total: z.number().int() });

export const userIdInput = z.object({ userId: id });
export const setRoleInput = userIdInput.extend({ role: roleSchema });
export const banInput = userIdInput.extend({ reason: z.string().trim().min(1).max(500).optional() });
export type SetRoleInput = z.input<typeof setRoleInput>;
export type BanInput = z.input<typeof banInput>;

// ── Internal: other services ────────────────────────────────────────────────────────────────
/** Who to write to about a user (notifications), or null when there is no such user. */
export const userContact = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type UserContact = z.infer<typeof userContact>;

export const adminEmailList = z.array(z.string());

/** The one-time links identity asks notifications to mail (the token is inside the link). */
export const ACCOUNT_LINK_KINDS = ["password_reset", "email_verification"] as const;
export type AccountLinkKind = (typeof ACCOUNT_LINK_KINDS)[number];
/** The opaque id an `identity.*` event carries instead of the link. */
export const accountLinkInput = z.object({ linkId: z.string().min(16).max(64) });
export const accountLink = z.object({
  kind: z.enum(ACCOUNT_LINK_KINDS),
  userId: z.string(),
  url: z.string(),
  expiresAt: z.date(),
});
export type AccountLink = z.infer<typeof accountLink>;

// ── Staff invitations (#20) ──────────────────────────────────────────────────────────────────
/** How long an invitation link works. */
export const STAFF_INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
export const staffInviteInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  role: roleSchema,
});
export type StaffInviteInput = z.input<typeof staffInviteInput>;
export const staffInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  invitedBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export type StaffInvitation = z.infer<typeof staffInvitation>;
export const invitationIdInput = z.object({ id: z.string().min(1).max(64) });
export const acceptInvitationInput = z.object({
  token: z.string().min(16).max(200),
  name: z.string().trim().min(1).max(100),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});
export type AcceptInvitationInput = z.input<typeof acceptInvitationInput>;
export const acceptedInvitation = z.object({ userId: z.string(), email: z.string(), role: z.string() });
/** What notifications mails for an invitation event's `linkId`. */
export const staffInvitationLink = z.object({
  email: z.string(),
  role: z.string(),
  url: z.string(),
  expiresAt: z.date(),
});
export type StaffInvitationLink = z.infer<typeof staffInvitationLink>;

// ── The customer's own account (#20) ─────────────────────────────────────────────────────────

export { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS };
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A phone number in E.164 form (+ and 7 to 15 digits), as identity stores it. */
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;

/** A BCP 47 language tag such as `en`, `de-DE` (the shop's own languages are the web's to offer). */
export const languageSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "a language tag such as en or de-DE")
  .max(35);

/** The channels a kind goes to when the user never chose: email. */
export const DEFAULT_CHANNELS: readonly NotificationChannel[] = ["email"];

export const preferencesSchema = z.object({
  marketingConsent: z.boolean(),
  /** When consent was given (null while it is not). */
  marketingConsentAt: z.date().nullable(),
  /** A catalog region id (it decides the currency), or null: the shop's default. */
  regionId: z.string().nullable(),
  language: z.string().nullable(),
  /** Per kind, the channels wanted (every kind present; an empty list: none). */
  channels: z.record(notificationKindSchema, z.array(notificationChannelSchema)),
  updatedAt: z.date().nullable(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const savePreferencesInput = z.object({
  marketingConsent: z.boolean(),
  regionId: z.string().trim().min(1).max(64).nullable(),
  language: languageSchema.nullable(),
  channels: z.partialRecord(
    notificationKindSchema,
    z.array(notificationChannelSchema).max(NOTIFICATION_CHANNELS.length),
  ),
});
export type SavePreferencesInput = z.input<typeof savePreferencesInput>;

/** One of the user's signed-in sessions, as the account page lists it. */
export const sessionSummary = z.object({
  id: z.string(),
  /** "Chrome on macOS", from the user agent (null when none was sent). */
  device: z.string().nullable(),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  createdAt: z.date(),
  /** When it was last refreshed (better-auth updates a session at most daily, and on each token fetch). */
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  /** The session the calling token belongs to. */
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummary>;
export const sessionIdInput = z.object({ id: z.string().min(1).max(128) });
export const revokedSessions = z.object({ revoked: z.number().int() });

export const deleteAccountInput = z.object({ password: z.string().min(1).max(PASSWORD_MAX) });
export const deletedAccount = z.object({ deleted: z.literal(true) });

/**
 * One message of the mailbox as the data export gives it (`notifications.internal.messagesFor`).
 * Defined here, not in notifications' contract: notifications depends on identity's package, so
 * identity cannot import notifications' router type; both sides use this schema instead
 * (notifications' `exportedMessageSchema` must satisfy it, identity parses the answer with it).
 * Kind and status are notifications' enums, kept as strings here.
 */
export const exportedMessage = z.object({
  id: z.string(),
  to: z.string(),
  template: z.string(),
  subject: z.string(),
  status: z.string(),
  text: z.string(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});
export type ExportedMessage = z.infer<typeof exportedMessage>;

/** Everything identity and the services hold about the signed-in user, as one JSON document. */
export const accountExport = z.object({
  exportedAt: z.date(),
  profile: publicUser,
  addresses: z.array(address),
  preferences: preferencesSchema,
  /** orders.internal.exportFor: the user's orders, and guest orders placed with their email. */
  orders: z.array(orderViewSchema),
  /** notifications.internal.messagesFor (null when notifications could not answer). */
  messages: z.array(exportedMessage).nullable(),
});
export type AccountExport = z.infer<typeof accountExport>;

// ── CSV export (#24) ────────────────────────────────────────────────────────────────────────
/**
 * The customers CSV's columns (personal data: staff with `customers.read` only; docs/SECURITY.md).
 * Customers only (staff accounts are left out), oldest first; times UTC ISO. What a shopper chose
 * about marketing is there so a mailing tool can honour it; the orders count is the orders
 * service's to know (its own export), not identity's, so it is not a column here.
 */
export const CUSTOMER_CSV_COLUMNS = [
  "id",
  "email",
  "name",
  "email_verified",
  "created_at",
  "marketing_consent",
  "marketing_consent_at",
  "banned",
] as const;
export type CustomerCsvColumn = (typeof CUSTOMER_CSV_COLUMNS)[number];
export { EXPORT_PAGE_SIZE, type ExportPage, exportPage, exportPageInput } from "@mercato/events/schemas";

// ── Customer groups (#27) ───────────────────────────────────────────────────────────────────
/** A group's id as price lists name it (pricing's rule, shared with the catalog). */
export { customerGroupIdSchema };
export const CUSTOMER_GROUP_NAME_MAX = 80;
/** Creates a group or renames it (same `id`). */
export const saveCustomerGroupInput = z.object({
  id: customerGroupIdSchema,
  name: z.string().trim().min(1).max(CUSTOMER_GROUP_NAME_MAX),
});
export const customerGroupIdInput = z.object({ id: customerGroupIdSchema });
/** Puts a customer (by email) in a group, moving them out of any other. */
export const addGroupMemberInput = z.object({
  groupId: customerGroupIdSchema,
  email: z.string().trim().email().max(320),
});
export const removeGroupMemberInput = z.object({ userId: z.string().min(1).max(64) });
export const customerGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), addedAt: z.date() })),
  createdAt: z.date(),
});
export type CustomerGroup = z.infer<typeof customerGroupSchema>;
