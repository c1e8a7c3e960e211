import { EmailVerificationRequested, PasswordResetRequested, UserRegistered } from "@mercato/events";
import { passwordResetEmail } from "../templates/password-reset.tsx";
import { renderEmail } from "../templates/render.tsx";
import { verifyEmail } from "../templates/verify-email.tsx";
import { welcomeEmail } from "../templates/welcome.tsx";
import { notifier } from "./notifier.ts";

export const identityNotifiers = [
  notifier(UserRegistered, async (event, deps) => [
    { to: event.data.email, email: renderEmail(welcomeEmail, { name: event.data.name }, deps.emailConfig) },
  ]),
  notifier(PasswordResetRequested, async ({ data }, deps) => [
    {
      to: data.email,
      email: renderEmail(
        passwordResetEmail,
        { name: data.name, resetUrl: data.resetUrl, expiresAt: data.expiresAt },
        deps.emailConfig,
      ),
      secretUrl: data.resetUrl,
    },
  ]),
  notifier(EmailVerificationRequested, async ({ data }, deps) => [
    {
      to: data.email,
      email: renderEmail(verifyEmail, { name: data.name, verifyUrl: data.verifyUrl }, deps.emailConfig),
      secretUrl: data.verifyUrl,
    },
  ]),
];
