import { type AnyDatabase, type AnyTx, prepareSql } from "@mercato/db";
import { sql } from "drizzle-orm";
import type { Envelope } from "./envelope.ts";
import { inbox } from "./tables.ts";

// Runs for every event every consumer handles: built once (prepared.ts).
const recordEvent = prepareSql<{ consumer: string; eventId: string; eventType: string; processedAt: Date }>((q) =>
  q
    .insert(inbox)
    .values({
      consumer: sql.placeholder("consumer"),
      eventId: sql.placeholder("eventId"),
      eventType: sql.placeholder("eventType"),
      processedAt: sql.placeholder("processedAt"),
    })
    .onConflictDoNothing()
    .returning({ eventId: inbox.eventId }),
);

/**
 * Runs `effect` and records the event as processed by `consumer` in one transaction.
 * A redelivered event finds its id already there and changes nothing: resolves `{ done: false }`.
 */
export async function processOnce<T>(
  db: AnyDatabase,
  consumer: string,
  event: Envelope,
  effect: (tx: AnyTx) => Promise<T>,
): Promise<{ done: true; result: T } | { done: false }> {
  return db.write(async (tx) => {
    const fresh = await tx.all<{ event_id: string }>(
      recordEvent.bind({ consumer, eventId: event.id, eventType: event.type, processedAt: new Date() }),
    );
    if (fresh.length === 0) return { done: false as const };
    return { done: true as const, result: await effect(tx) };
  });
}
