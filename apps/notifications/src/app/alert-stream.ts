import type { AlertFeedItem } from "../contract.ts";
import type { NotificationsDeps } from "../deps.ts";
import { alertById, unreadCount } from "./alerts.ts";

/**
 * `notifications.alerts.onAlert`: the unread count at once, then each new alert with the count
 * re-read, as the published `notifications.alert.sent.v1` events arrive (live/alert-feed.ts).
 */
export async function* alertStream(
  deps: Pick<NotificationsDeps, "db" | "alertFeed">,
  signal: AbortSignal | undefined,
): AsyncGenerator<AlertFeedItem> {
  // Listening starts before the first count is read, so an alert raised meanwhile is not missed.
  const ids = deps.alertFeed.watch(signal);
  yield { unread: await unreadCount(deps), alert: null };
  for await (const id of ids) {
    const alert = await alertById(deps, id);
    if (alert) yield { unread: await unreadCount(deps), alert };
  }
}
