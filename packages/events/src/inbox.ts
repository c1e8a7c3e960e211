import type { AnyDatabase, AnyTx } from "@mercato/db";
import type { Envelope } from "./envelope.ts";
import { inbox } from "./tables.ts";

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
    const fresh = await tx
      .insert(inbox)
      .values({ consumer, eventId: event.id, eventType: event.type, processedAt: new Date() })
      .onConflictDoNothing()
      .returning({ eventId: inbox.eventId });
    if (fresh.length === 0) return { done: false as const };
    return { done: true as const, result: await effect(tx) };
  });
}
