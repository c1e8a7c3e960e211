import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { internalRouter } from "./internal.ts";
import { mailboxRouter } from "./mailbox.ts";
import { pushRouter } from "./push.ts";

/** The notifications API, under the `notifications` namespace as everywhere in the platform. */
export const notificationsRouter = router({
  notifications: router({
    mailbox: mailboxRouter,
    admin: adminRouter,
    internal: internalRouter,
    push: pushRouter,
  }),
});

export type NotificationsRouter = typeof notificationsRouter;
