import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { internalRouter } from "./internal.ts";
import { mailboxRouter } from "./mailbox.ts";

/** The notifications API, under the `notifications` namespace as everywhere in the platform. */
export const notificationsRouter = router({
  notifications: router({
    mailbox: mailboxRouter,
    admin: adminRouter,
    internal: internalRouter,
  }),
});

export type NotificationsRouter = typeof notificationsRouter;
