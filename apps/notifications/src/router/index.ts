import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { alertsRouter } from "./alerts.ts";
import { auditRouter } from "./audit.ts";
import { internalRouter } from "./internal.ts";
import { mailboxRouter } from "./mailbox.ts";
import { pushRouter } from "./push.ts";
import { supportRouter } from "./support.ts";
import { webhooksRouter } from "./webhooks.ts";

/** The notifications API, under the `notifications` namespace as everywhere in the platform. */
export const notificationsRouter = router({
  notifications: router({
    mailbox: mailboxRouter,
    // The admin router with the audit log beside it (alert acknowledgements, #22).
    admin: router({ ...adminRouter._def.record, audit: auditRouter }),
    internal: internalRouter,
    push: pushRouter,
    // Live staff alerts (#22).
    alerts: alertsRouter,
    support: supportRouter,
    // Outbound webhooks for integrators (#24).
    webhooks: webhooksRouter,
  }),
});

export type NotificationsRouter = typeof notificationsRouter;
