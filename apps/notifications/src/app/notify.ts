import { type Envelope, type HandlerContext, processOnce } from "@mercato/events";
import { insertMessages } from "../db/queries.ts";
import { deferredEvents } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import type { Notifier } from "../events/notifier.ts";
import { RecipientUnavailableError } from "./recipients.ts";

/** The inbox name of the notifications consumer: an event id recorded under it is not handled again. */
const CONSUMER = "notifications";

/**
 * Plans the emails an event causes (rendering, lookups) outside the transaction, then records
 * them with the event id in one write. An event whose recipients cannot be looked up now is
 * parked in deferred_events rather than failing, so an unreachable service never dead-letters it.
 */
export async function notify(
  deps: NotificationsDeps,
  notifier: Notifier,
  event: Envelope,
  ctx: HandlerContext,
): Promise<void> {
  try {
    const planned = await notifier.plan(event, deps);
    await processOnce(deps.db, CONSUMER, event, (tx) => insertMessages(tx, event.id, planned));
    deps.sender.kick();
  } catch (err) {
    if (!(err instanceof RecipientUnavailableError)) throw err;
    ctx.log.warn({ reason: err.message }, "recipients unavailable; event deferred");
    const now = new Date();
    await processOnce(deps.db, CONSUMER, event, (tx) =>
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
