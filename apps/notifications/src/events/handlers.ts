import { type EventHandler, on } from "@mercato/events";
import { notify } from "../app/notify.ts";
import type { NotificationsDeps } from "../deps.ts";
import { notifiers } from "./index.ts";

/** One handler per notifier: each event's emails are recorded once, or the event waits for its recipients. */
export function notificationHandlers(deps: NotificationsDeps): EventHandler[] {
  return notifiers.map((n) => on(n.def, (event, ctx) => notify(deps, n, event, ctx)));
}
