import { z } from "zod";
import { defineEvent } from "../envelope.ts";

/**
 * An account was created: a shopper's sign-up, or a staff invitation accepted (#20). `role` is the
 * role it was created with, so consumers can tell customers from staff (integrators' webhooks
 * announce `customer.created` for customers only); events from before it was added read as
 * "customer", which is all sign-up could create then.
 */
export const UserRegistered = defineEvent(
  "identity.user.registered",
  1,
  z.object({ userId: z.string(), email: z.string().email(), name: z.string(), role: z.string().default("customer") }),
);

/**
 * The facts of a one-time account link, never the link: its one-time token must not travel on the
 * bus (every consumer, and anyone who could read the stream, would hold it). `linkId` is opaque;
 * notifications claims the link itself from identity (`identity.internal.accountLink`, callable by
 * notifications only). Version 1 carried the link (`resetUrl` / `verifyUrl`).
 */
const accountLinkFacts = z.object({
  userId: z.string(),
  email: z.string().email(),
  name: z.string(),
  linkId: z.string().min(16).max(64),
  expiresAt: z.string().datetime(),
});

export const PasswordResetRequested = defineEvent("identity.password_reset.requested", 2, accountLinkFacts);

/** Sent on sign-up when REQUIRE_EMAIL_VERIFICATION is on; notifications mails the link. */
export const EmailVerificationRequested = defineEvent("identity.email_verification.requested", 2, accountLinkFacts);

/**
 * A superadmin invited `email` to the staff role `role` (#20). Like the account links, the link
 * (with its one-time token) stays in identity: notifications claims it by `linkId` with
 * `identity.internal.staffInvitationLink` and mails it (kind "account").
 */
export const StaffInvitationRequested = defineEvent(
  "identity.staff_invitation.requested",
  1,
  z.object({
    email: z.string().email(),
    role: z.string(),
    invitedBy: z.string(),
    linkId: z.string().min(16).max(64),
    expiresAt: z.string().datetime(),
  }),
);

/**
 * A user deleted their account (or an admin deleted it). Every service forgets or anonymizes what
 * it holds about `userId`: carts and addresses go, orders keep their financial record with the
 * name, email and addresses replaced, the mailbox drops their messages, saved cards are detached.
 * `email` is the address as it was, so services keyed by email (guest orders, the mailbox) can
 * find their rows; it is never stored by a consumer after handling.
 */
export const UserDeleted = defineEvent(
  "identity.user.deleted",
  1,
  z.object({ userId: z.string(), email: z.string().email(), deletedAt: z.string().datetime() }),
);

/** The notification kinds a user chooses channels for (per kind: which channels they want). */
export const NOTIFICATION_KINDS = ["order_updates", "shipping_updates", "returns", "account", "marketing"] as const;
export const NOTIFICATION_CHANNELS = ["email", "sms", "push"] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);

/**
 * A user's contact preferences changed (the whole set, so a consumer keeps the latest by
 * `updatedAt`). Marketing is off unless consented (`marketingConsentAt` is when it was given).
 * `channels` lists, per kind, the channels wanted; a kind left out means the default (email).
 * `phone` (#22) is the account's number in E.164 for SMS (null: none); events from before #22
 * leave it out, which tells nothing about it.
 */
export const UserPreferencesChanged = defineEvent(
  "identity.user.preferences_changed",
  1,
  z.object({
    userId: z.string(),
    marketingConsent: z.boolean(),
    marketingConsentAt: z.string().datetime().nullable(),
    regionId: z.string().nullable(),
    language: z.string().min(2).max(35).nullable(),
    channels: z.partialRecord(notificationKindSchema, z.array(notificationChannelSchema)),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/)
      .nullable()
      .optional(),
    updatedAt: z.string().datetime(),
  }),
);
