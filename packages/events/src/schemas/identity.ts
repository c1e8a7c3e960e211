import { z } from "zod";
import { defineEvent } from "../envelope.ts";

export const UserRegistered = defineEvent(
  "identity.user.registered",
  1,
  z.object({ userId: z.string(), email: z.string().email(), name: z.string() }),
);

export const PasswordResetRequested = defineEvent(
  "identity.password_reset.requested",
  1,
  z.object({
    userId: z.string(),
    email: z.string().email(),
    name: z.string(),
    resetUrl: z.string().url(),
    expiresAt: z.string().datetime(),
  }),
);

/** Sent on sign-up when REQUIRE_EMAIL_VERIFICATION is on; notifications mails the link. */
export const EmailVerificationRequested = defineEvent(
  "identity.email_verification.requested",
  1,
  z.object({
    userId: z.string(),
    email: z.string().email(),
    name: z.string(),
    verifyUrl: z.string().url(),
  }),
);
