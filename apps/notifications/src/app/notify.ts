import type { Tx } from "@mercato/db";
import { type Envelope, type HandlerContext, processOnce } from "@mercato/events";
import { insertMessages, type PlannedMessage } from "../db/queries.ts";
import type * as schema from "../db/schema.ts";
import { deferredEvents } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import type { Notifier } from "../events/notifier.ts";
import { INBOX_CONSUMER } from "./inbox.ts";
import { allowedByPreferences } from "./preferences.ts";
import { RecipientUnavailableError } from "./recipients.ts";

/** The messages an event causes, rendered and with the recipients' preferences (channels) applied. */
export async function planEmails(
  deps: NotificationsDeps,
  notifier: Notifier,
  event: Envelope,
): Promise<PlannedMessage[]> {
  return allowedByPreferences(deps, event.id, await notifier.plan(event, deps));
}

/** Records an event's emails and what it teaches (notifier.record) in one write transaction. */
export async function recordPlanned(
  tx: Tx<typeof schema>,
  notifier: Notifier,
  event: Envelope,
  planned: readonly PlannedMessage[],
): Promise<void> {
  await notifier.record?.(tx, event);
  await insertMessages(tx, event.id, planned);
}

/**
 * Plans the emails an event causes (rendering, lookups, preferences) outside the transaction, then
 * records them with the event id in one write. An event whose recipients cannot be looked up now
 * is parked in deferred_events rather than failing, so an unreachable service never dead-letters it.
 */
export async function notify(
  deps: NotificationsDeps,
  notifier: Notifier,
  event: Envelope,
  ctx: HandlerContext,
): Promise<void> {
  try {
    const planned = await planEmails(deps, notifier, event);
    await processOnce(deps.db, INBOX_CONSUMER, event, (tx) => recordPlanned(tx, notifier, event, planned));
    deps.sender.kick();
  } catch (err) {
    if (!(err instanceof RecipientUnavailableError)) throw err;
    ctx.log.warn({ reason: err.message }, "recipients unavailable; event deferred");
    const now = new Date();
    await processOnce(deps.db, INBOX_CONSUMER, event, (tx) =>
      tx
        .insert(deferredEvents)
        .values({
          eventId: event.id,
          type: event.type,
          payload: JSON.stringify(event),
          attempts: 1,
          nextAttemptAt: new Date(now.getTime() + deps.env.RECIPIENT_RETRY_BASE_MS),
          lastError: err.message,
          createdAt: now,
        })
        .onConflictDoNothing(),
    );
    deps.deferred.wakeIn(deps.env.RECIPIENT_RETRY_BASE_MS);
  }
}
