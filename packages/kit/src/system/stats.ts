/**
 * Readers of a service's operational state, shared by the admin's system page (`system.ts`) and
 * the metrics: the outbox backlog from the service's own database, consumer lag from JetStream
 * consumer info, and dead-letter counts from the DEADLETTER stream's subject counts.
 *
 * Every reader uses only what the service's NATS user may already do (nats-auth.ts): info on its
 * own durables and on the DEADLETTER stream. Nothing here writes.
 */
import type { AnyDatabase } from "@mercato/db";
import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, type EventBus, outbox, streamFor } from "@mercato/events";
import { isNull, sql } from "drizzle-orm";

/** The JetStream manager of a bus (what the readers need of it). */
export type StatsBus = Pick<EventBus, "jsm">;

export interface OutboxBacklog {
  /** Rows not yet published. */
  pending: number;
  /** Age of the oldest unpublished row in ms at `now`; null when none is pending. */
  oldestAgeMs: number | null;
}

/** Outbox rows pending and the oldest one's age, from the service's database. */
export async function outboxBacklog(db: AnyDatabase, now: number = Date.now()): Promise<OutboxBacklog> {
  const [row] = await db.orm
    .select({ pending: sql<number>`count(*)`, oldest: sql<number | null>`min(${outbox.createdAt})` })
    .from(outbox)
    .where(isNull(outbox.sentAt));
  const pending = Number(row?.pending ?? 0);
  const oldest = row?.oldest == null ? null : Number(row.oldest);
  return { pending, oldestAgeMs: pending > 0 && oldest !== null ? Math.max(0, now - oldest) : null };
}

export interface ConsumerLag {
  /** The domain whose stream the consumer reads (`payments`). */
  domain: string;
  /** The stream (`PAYMENTS`). */
  stream: string;
  /** The durable consumer's name (`orders-payments`). */
  durable: string;
  /** Messages in the stream the consumer has not been handed yet (`num_pending`). */
  pending: number;
  /** Messages handed out and not acknowledged yet (`num_ack_pending`). */
  ackPending: number;
  /** Messages delivered more than once and not acknowledged yet (`num_redelivered`). */
  redelivered: number;
}

/** The lag of one durable consumer, from its JetStream consumer info. */
export async function consumerLag(bus: StatsBus, domain: string, durable: string): Promise<ConsumerLag> {
  const stream = streamFor(domain);
  const info = await bus.jsm.consumers.info(stream, durable);
  return {
    domain,
    stream,
    durable,
    pending: info.num_pending,
    ackPending: info.num_ack_pending,
    redelivered: info.num_redelivered,
  };
}

/**
 * The lag of every durable the kit's consumer `consumer` holds, one per domain it handles
 * (`<consumer>-<domain>`, bus.ts). A durable that does not exist (yet) is left out.
 */
export async function consumerLags(
  bus: StatsBus,
  consumer: string,
  domains: readonly string[],
): Promise<ConsumerLag[]> {
  const lags = await Promise.all(
    [...new Set(domains)].map((domain) =>
      consumerLag(bus, domain, `${consumer}-${domain}`).catch((err: unknown) => {
        if (/consumer not found/i.test(String(err))) return null;
        throw err;
      }),
    ),
  );
  return lags.filter((l): l is ConsumerLag => l !== null);
}

/**
 * How many dead letters consumer `consumer` has in the DEADLETTER stream (`deadletter.<consumer>.>`),
 * in total and per event type, from the stream's subject counts.
 */
export async function deadLetterCount(
  bus: StatsBus,
  consumer: string,
): Promise<{ total: number; byEventType: Record<string, number> }> {
  const prefix = `${DEAD_LETTER_PREFIX}.${consumer}.`;
  const info = await bus.jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: `${prefix}>` });
  const byEventType: Record<string, number> = {};
  let total = 0;
  for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
    if (!subject.startsWith(prefix)) continue;
    byEventType[subject.slice(prefix.length)] = count;
    total += count;
  }
  return { total, byEventType };
}
