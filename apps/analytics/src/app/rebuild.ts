import type { Database } from "@mercato/db";
import { type Envelope, type EventBus, EventSchemaError, parseEvent, streamFor } from "@mercato/events";
import { inbox } from "@mercato/events/tables";
import type { Logger } from "@mercato/kit";
import { serviceEntry } from "@mercato/registry";
import { eq } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { INBOX_CONSUMER } from "./inbox.ts";
import { RECORDER_BY_TYPE, recordEvent } from "./record.ts";

/** Messages read at once (by sequence), and recorded in one transaction. */
const BATCH = 250;

export interface RebuildResult {
  /** Per consumed stream: the sequences read (first..last at the start) and the events recorded. */
  streams: { stream: string; first: number; last: number; recorded: number; skipped: number }[];
  events: number;
}

/**
 * Replays every stream analytics consumes from its first message to its last one at the start,
 * into `db`'s emptied aggregates — each event through the same recorder as the live consumer and
 * with its inbox row, so the live consumer, resuming later, skips what the rebuild counted. The
 * streams are replayed one after another: every aggregate is a per-day sum or a fact of one
 * domain's own stream, so the order of the domains does not change the result. A message that
 * fails its schema is skipped (the live consumer dead-letters it).
 */
export async function rebuildAggregates(
  db: Database<typeof schema>,
  bus: EventBus,
  log: Pick<Logger, "info" | "warn">,
): Promise<RebuildResult> {
  await db.write(async (tx) => {
    for (const table of schema.AGGREGATE_TABLES) await tx.delete(table);
    await tx.delete(inbox).where(eq(inbox.consumer, INBOX_CONSUMER));
  });
  const result: RebuildResult = { streams: [], events: 0 };
  for (const domain of serviceEntry("analytics").consumes) {
    const stream = streamFor(domain);
    const info = await bus.jsm.streams.info(stream);
    const first = info.state.first_seq;
    const last = info.state.last_seq;
    let recorded = 0;
    let skipped = 0;
    for (let seq = first; seq <= last && info.state.messages > 0; seq += BATCH) {
      const seqs = Array.from({ length: Math.min(BATCH, last - seq + 1) }, (_, i) => seq + i);
      const messages = await Promise.all(seqs.map((s) => bus.jsm.streams.getMessage(stream, { seq: s })));
      const events: Envelope[] = [];
      for (const msg of messages) {
        if (!msg) continue; // deleted or aged out meanwhile
        const recorder = RECORDER_BY_TYPE.get(msg.subject);
        if (!recorder) continue;
        try {
          events.push(parseEvent(recorder.def, JSON.parse(msg.string())));
        } catch (err) {
          skipped += 1;
          log.warn(
            { stream, seq: msg.seq, reason: err instanceof EventSchemaError ? err.message : String(err) },
            "skipped",
          );
        }
      }
      await db.write(async (tx) => {
        for (const event of events) {
          const fresh = await tx
            .insert(inbox)
            .values({ consumer: INBOX_CONSUMER, eventId: event.id, eventType: event.type, processedAt: new Date() })
            .onConflictDoNothing()
            .returning({ eventId: inbox.eventId });
          if (fresh.length === 0) continue; // the same event twice in a stream (published after the dedupe window)
          await recordEvent(tx, event);
          recorded += 1;
        }
      });
    }
    result.streams.push({ stream, first, last, recorded, skipped });
    result.events += recorded;
    log.info({ stream, first, last, recorded, skipped }, "stream replayed");
  }
  return result;
}
