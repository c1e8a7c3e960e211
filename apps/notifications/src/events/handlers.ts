import { type EventHandler, on, UserDeleted, UserPreferencesChanged } from "@mercato/events";
import { forgetUser } from "../app/forget-user.ts";
import { notify } from "../app/notify.ts";
import { recordPreferences } from "../app/preferences.ts";
import type { NotificationsDeps } from "../deps.ts";
import { alertHandlers } from "./alerts.ts";
import { combineHandlers } from "./combine.ts";
import { notifiers } from "./index.ts";
import { webhookHandlers } from "./webhooks.ts";

/**
 * One handler per notifier: each event's emails are recorded once, or the event waits for its
 * recipients. Besides emails: a user's preferences are kept, and a deleted account is forgotten.
 */
export function notificationHandlers(deps: NotificationsDeps): EventHandler[] {
  return combineHandlers([
    ...notifiers.map((n) => on(n.def, (event, ctx) => notify(deps, n, event, ctx))),
    on(UserPreferencesChanged, (event) => recordPreferences(deps, event)),
    on(UserDeleted, async (event) => {
      await forgetUser(deps, event);
    }),
    // Live staff alerts (#22).
    ...alertHandlers(deps),
    // Outbound webhooks (#24).
    ...webhookHandlers(deps),
  ]);
}
