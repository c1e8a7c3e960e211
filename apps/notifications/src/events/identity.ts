import { EmailVerificationRequested, PasswordResetRequested, UserRegistered } from "@mercato/events";
import { passwordResetEmail } from "../templates/password-reset.tsx";
import { renderEmail } from "../templates/render.tsx";
import { verifyEmail } from "../templates/verify-email.tsx";
import { welcomeEmail } from "../templates/welcome.tsx";
import { notifier } from "./notifier.ts";

// The reset and verification events carry a link id, never the link: it is claimed from identity
// here (recipients.accountLink). Unreachable identity defers the event; a link identity no longer
// has (expired) means nothing to send. `secretUrl` keeps the link out of what admins can read.
export const identityNotifiers = [
  notifier(UserRegistered, async (event, deps) => [
    {
      to: event.data.email,
      userId: event.data.userId,
      email: renderEmail(welcomeEmail, { name: event.data.name }, deps.emailConfig),
    },
  ]),
  notifier(PasswordResetRequested, async ({ data }, deps) => {
    const link = await deps.recipients.accountLink(data.linkId);
    if (link?.kind !== "password_reset" || link.userId !== data.userId) return [];
    return [
      {
        to: data.email,
        userId: data.userId,
        email: renderEmail(
          passwordResetEmail,
          { name: data.name, resetUrl: link.url, expiresAt: data.expiresAt },
          deps.emailConfig,
        ),
        secretUrl: link.url,
      },
    ];
  }),
  notifier(EmailVerificationRequested, async ({ data }, deps) => {
    const link = await deps.recipients.accountLink(data.linkId);
    if (link?.kind !== "email_verification" || link.userId !== data.userId) return [];
    return [
      {
        to: data.email,
        userId: data.userId,
        email: renderEmail(verifyEmail, { name: data.name, verifyUrl: link.url }, deps.emailConfig),
        secretUrl: link.url,
      },
    ];
  }),
];
