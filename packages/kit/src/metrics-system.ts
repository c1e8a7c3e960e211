import { Gauge, type Registry } from "prom-client";

/** What the system gauges read at each scrape (the readers are packages/kit/src/system/stats.ts). */
export interface SystemStatsSource {
  outbox(): Promise<{ pending: number; oldestAgeMs: number | null }>;
  /** One entry per durable consumer of this service. */
  consumers(): Promise<{ stream: string; durable: string; pending: number; ackPending: number; redelivered: number }[]>;
  /** This service's dead letters by event type. */
  deadLetters(): Promise<{ total: number; byEventType: Record<string, number> }>;
}

/** How long one scrape waits for a reader (NATS away must not hang /metrics). */
const READ_TIMEOUT_MS = 2_000;
/** The gauges of one scrape share one read (prom-client collects them concurrently). */
const SHARE_MS = 1_000;

/** `read()` at most once per SHARE_MS, bounded by READ_TIMEOUT_MS; null when it failed. */
function shared<T>(read: () => Promise<T>): () => Promise<T | null> {
  let last: { at: number; value: Promise<T | null> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= SHARE_MS) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const value = Promise.race([
        read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("no answer in time")), READ_TIMEOUT_MS);
        }),
      ])
        .catch(() => null)
        .finally(() => clearTimeout(timer));
      last = { at: now, value };
    }
    return last.value;
  };
}

/**
 * Gauges for the outbox backlog, each durable consumer's lag (JetStream consumer info:
 * `num_pending` not yet delivered, `num_ack_pending` delivered and not acknowledged,
 * `num_redelivered`) and the dead letters, read when Prometheus scrapes. A reader that fails
 * leaves its gauges empty for that scrape and `mercato_system_stats_up{reader}` 0, never stale.
 */
export function watchSystemStats(registry: Registry, source: SystemStatsSource): void {
  const outbox = shared(() => source.outbox());
  const consumers = shared(() => source.consumers());
  const deadLetters = shared(() => source.deadLetters());
  const readers = { outbox, consumers, dead_letters: deadLetters } as const;

  new Gauge({
    name: "mercato_system_stats_up",
    help: "Whether the last scrape could read the outbox, the consumers and the dead letters (1) or not (0)",
    labelNames: ["reader"],
    registers: [registry],
    async collect() {
      for (const [reader, read] of Object.entries(readers)) this.set({ reader }, (await read()) === null ? 0 : 1);
    },
  });
  new Gauge({
    name: "mercato_outbox_pending_rows",
    help: "Outbox rows not yet published to NATS",
    registers: [registry],
    async collect() {
      const backlog = await outbox();
      if (backlog) this.set(backlog.pending);
      else this.reset();
    },
  });
  new Gauge({
    name: "mercato_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest unpublished outbox row (0 when none is pending)",
    registers: [registry],
    async collect() {
      const backlog = await outbox();
      if (backlog) this.set(backlog.oldestAgeMs === null ? 0 : backlog.oldestAgeMs / 1000);
      else this.reset();
    },
  });
  const perConsumer = (
    name: string,
    help: string,
    pick: (c: { pending: number; ackPending: number; redelivered: number }) => number,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ["stream", "durable"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const c of (await consumers()) ?? []) this.set({ stream: c.stream, durable: c.durable }, pick(c));
      },
    });
  perConsumer(
    "mercato_consumer_pending_messages",
    "Messages in the stream a durable consumer has not been handed yet (num_pending): its lag",
    (c) => c.pending,
  );
  perConsumer(
    "mercato_consumer_ack_pending_messages",
    "Messages a durable consumer was handed and has not acknowledged (num_ack_pending)",
    (c) => c.ackPending,
  );
  perConsumer(
    "mercato_consumer_redelivered_messages",
    "Messages delivered more than once and not yet acknowledged (num_redelivered)",
    (c) => c.redelivered,
  );
  new Gauge({
    name: "mercato_dead_letter_messages",
    help: "Messages this service's consumer dead-lettered, held in the DEADLETTER stream, by event type",
    labelNames: ["event_type"],
    registers: [registry],
    async collect() {
      this.reset();
      const found = await deadLetters();
      for (const [eventType, count] of Object.entries(found?.byEventType ?? {})) {
        this.set({ event_type: eventType }, count);
      }
    },
  });
}
