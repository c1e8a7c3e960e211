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
