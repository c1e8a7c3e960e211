import { z } from "zod";
import { defineEvent } from "../envelope.ts";

export const UserRegistered = defineEvent(
  "identity.user.registered",
  1,
  z.object({ userId: z.string(), email: z.string().email(), name: z.string() }),
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
