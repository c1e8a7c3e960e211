import { parseEvent } from "@mercato/events";
import { asc, eq, lte } from "drizzle-orm";
import { deferredEvents } from "../db/schema.ts";
import type { KickableWorker, NotificationsDeps } from "../deps.ts";
import { nextLookup } from "../domain/deferral.ts";
import { notifierByType } from "../events/index.ts";
import { wakeLoop } from "../sender/wake-loop.ts";
import { planEmails, recordPlanned } from "./notify.ts";
import { RecipientUnavailableError } from "./recipients.ts";

type Deferred = typeof deferredEvents.$inferSelect;

/**
 * Retries events parked because their recipients could not be looked up. Once the lookup answers,
 * the emails are queued and the event leaves the table; after RECIPIENT_MAX_WAIT_MS it is skipped
 * with a logged reason.
 */
export function createDeferredWorker(deps: Omit<NotificationsDeps, "deferred">): KickableWorker {
  const log = deps.log.child({ component: "deferred-recipients" });
  const { RECIPIENT_RETRY_BASE_MS: baseMs, RECIPIENT_MAX_WAIT_MS: maxWaitMs } = deps.env;

  async function retry(row: Deferred): Promise<void> {
    const n = notifierByType.get(row.type);
    if (!n) {
      log.error({ eventId: row.eventId, type: row.type }, "deferred event of a type no longer handled; skipped");
      await deps.db.write((tx) => tx.delete(deferredEvents).where(eq(deferredEvents.eventId, row.eventId)));
      return;
    }
    try {
      const event = parseEvent(n.def, JSON.parse(row.payload));
      const planned = await planEmails({ ...deps, deferred: worker }, n, event);
      await deps.db.write(async (tx) => {
        await recordPlanned(tx, n, event, planned);
        await tx.delete(deferredEvents).where(eq(deferredEvents.eventId, row.eventId));
      });
      deps.sender.kick();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (!(err instanceof RecipientUnavailableError))
        log.error({ eventId: row.eventId, err }, "deferred event failed");
      const attempts = row.attempts + 1;
      const next = nextLookup(attempts, Date.now() - row.createdAt.getTime(), baseMs, maxWaitMs);
      if (next.giveUp) {
        log.warn(
          { eventId: row.eventId, type: row.type, attempts, reason },
          "recipients never became available; skipped",
        );
        await deps.db.write((tx) => tx.delete(deferredEvents).where(eq(deferredEvents.eventId, row.eventId)));
        return;
      }
      await deps.db.write((tx) =>
        tx
          .update(deferredEvents)
          .set({ attempts, lastError: reason, nextAttemptAt: new Date(Date.now() + next.delayMs) })
          .where(eq(deferredEvents.eventId, row.eventId)),
      );
      loop.wakeIn(next.delayMs);
    }
  }

  async function pass(): Promise<void> {
    const due = await deps.db.orm
      .select()
      .from(deferredEvents)
      .where(lte(deferredEvents.nextAttemptAt, new Date()))
      .orderBy(asc(deferredEvents.nextAttemptAt))
      .limit(50);
    for (const row of due) await retry(row);
  }

  const loop = wakeLoop(pass, Math.max(baseMs, 1000), (err) => log.error({ err }, "deferred pass failed"));
  const worker: KickableWorker = { name: "deferred-recipients", ...loop };
  return worker;
}
