import { StaffInvitationRequested } from "@mercato/events";
import { renderEmail } from "../templates/render.tsx";
import { staffInvitationEmail } from "../templates/staff-invitation.tsx";
import { notifier } from "./notifier.ts";

// A staff invitation (#20) carries a link id, never the link: it is claimed from identity
// (recipients.staffInvitationLink), as the account links are. A link identity no longer has
// (revoked, expired, accepted) means nothing to send. No account exists yet: no userId.
export const staffNotifiers = [
  notifier(StaffInvitationRequested, async ({ data }, deps) => {
    const link = await deps.recipients.staffInvitationLink(data.linkId);
    if (!link || link.email !== data.email) return [];
    return [
      {
        to: data.email,
        email: renderEmail(
          staffInvitationEmail,
          { role: data.role, acceptUrl: link.url, expiresAt: data.expiresAt },
          deps.emailConfig,
        ),
        secretUrl: link.url,
      },
    ];
  }),
];
