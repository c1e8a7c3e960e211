import { type EventHandler, on, processOnce } from "@mercato/events";
import { insertMessages } from "../db/messages.ts";
import { deferredEvents } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { RecipientUnavailableError } from "../recipients/directory.ts";
import { notifiers } from "./index.ts";

export const CONSUMER = "notifications";

/**
 * One handler per notifier: plan the emails (rendering, lookups) outside the transaction, then
 * record them with the event id in one write. An event whose recipients cannot be looked up now
 * is parked in deferred_events rather than failing, so an unreachable service never dead-letters it.
 */
export function notificationHandlers(deps: NotificationsDeps): EventHandler[] {
  return notifiers.map((n) =>
    on(n.def, async (event, ctx) => {
      try {
        const planned = await n.plan(event, deps);
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
    }),
  );
}
