import { type AnyDatabase, type AnyTx, prepareSql } from "@mercato/db";
import { asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { type EventBus, headersFor } from "./bus.ts";
import type { Envelope } from "./envelope.ts";
import { outbox } from "./tables.ts";
import { detached, producerSpan, relaySpan } from "./tracing.ts";

// The relay's and enqueue's statements run for every event of every service: built once (prepared.ts).
const insertRow = prepareSql<{ id: string; subject: string; payload: string; headers: string; createdAt: Date }>((q) =>
  q.insert(outbox).values({
    id: sql.placeholder("id"),
    subject: sql.placeholder("subject"),
    payload: sql.placeholder("payload"),
    headers: sql.placeholder("headers"),
    createdAt: sql.placeholder("createdAt"),
  }),
);
const pendingRows = prepareSql<{ limit: number }>((q) =>
  q
    .select()
    .from(outbox)
    .where(isNull(outbox.sentAt))
    // Rows that already failed go behind the others, so one that keeps failing never holds
    // back the rows after it; among equals the outbox order is kept.
    .orderBy(asc(sql`${outbox.attempts} > 0`), asc(outbox.seq))
    .limit(sql.placeholder("limit")),
);
/** `seqs`: a JSON array of row seqs, so one statement text serves any number of rows. */
const markSent = prepareSql<{ sentAt: number; seqs: string }>((q) =>
  q
    .update(outbox)
    // `set` takes no placeholder for a column: the value is a `timestamp_ms` number already.
    .set({ sentAt: sql`${sql.placeholder("sentAt")}` })
    .where(sql`${outbox.seq} in (select value from json_each(${sql.placeholder("seqs")}))`),
);

/** An outbox row as the driver returns it (SQL column names, timestamps as ms). */
interface PendingRow {
  seq: number;
  id: string;
  subject: string;
  payload: string;
  headers: string;
  attempts: number;
}

/** Adds an event to the outbox inside the caller's transaction. */
export async function enqueue(tx: AnyTx, event: Envelope, trace: Record<string, string> = {}): Promise<void> {
  await tx.run(
    insertRow.bind({
      id: event.id,
      subject: event.type,
      payload: JSON.stringify(event),
      // The creating span's traceparent is kept in the row: the consumer's span is its child.
      headers: JSON.stringify(producerSpan("create", event.type, event.id, headersFor(event, trace))),
      createdAt: new Date(),
    }),
  );
}

/** Failed publishing attempts after which a row is logged as an error (it is still retried). */
const ALERT_AFTER_ATTEMPTS = 10;

export interface RelayOptions {
  batchSize?: number;
  /** How often to look for rows when nobody kicked the relay (a crash, another process). */
  pollMs?: number;
  /**
   * How long a published row is kept (for looking into what was sent) before it is deleted.
   * JetStream holds the event itself; the row only has to outlive the stream's dedupe window.
   */
  keepSentMs?: number;
}

/** Published rows are deleted at most this often, this many at a time (short write transactions). */
const PRUNE_EVERY_MS = 60_000;
const PRUNE_BATCH = 1_000;

/**
 * Publishes outbox rows in order and marks them sent. A crash after publishing and before
 * marking re-publishes on restart with the same Nats-Msg-Id, which JetStream drops as a duplicate;
 * a crash before publishing leaves the row for the next run. Either way each event lands once.
 *
 * Two ways in, with different owners (#26). `kick()` after a commit drains in *every* instance of
 * a service, so a row is published by the process that wrote it without waiting for another one
 * (a follower used to wait for the lease holder's poll, and every row waited out the lease's
 * handover when the holder was killed). `start()`/`stop()` run the poll for rows nobody kicked
 * (their writer crashed, NATS was away) and the prune: singleton work, under the lease.
 *
 * Several drains at once (two instances) stay exactly-once and in order: every drain publishes the
 * pending rows in `seq` order back to back on one connection, `seq` is commit order (one writer at
 * a time on the database), and a row missing from a drain's read was already published and acked.
 * So when a drain publishes row j, every earlier row is already in the stream or goes before j on
 * that connection; a row two drains both publish is dropped by JetStream the second time.
 */
export class OutboxRelay {
  private timer: ReturnType<typeof setInterval> | undefined;
  private draining: Promise<number> | undefined;
  private again = false;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly keepSentMs: number;
  private lastPrune = Date.now();
  /** After `close()` (shutdown): kicks are ignored, the bus is about to go. */
  private closed = false;

  constructor(
    private readonly db: AnyDatabase,
    private readonly bus: EventBus,
    private readonly log: Logger,
    opts: RelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 200;
    this.pollMs = opts.pollMs ?? 500;
    this.keepSentMs = opts.keepSentMs ?? 60 * 60_000;
  }

  /** Starts the poll and the prune (the kit does where this service's relay lease is held). */
  start(): void {
    this.timer ??= setInterval(() => {
      this.kick();
      if (Date.now() - this.lastPrune >= PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        void this.prune().catch((err) => this.log.warn({ err: String(err) }, "outbox prune will retry"));
      }
    }, this.pollMs);
    this.kick();
  }

  /**
   * Deletes rows published more than `keepSentMs` ago, so the table holds what is pending plus a
   * recent tail instead of every event ever sent. Resolves with how many were deleted.
   */
  async prune(now = Date.now()): Promise<number> {
    const before = new Date(now - this.keepSentMs);
    let total = 0;
    for (;;) {
      const deleted = await this.db.write(async (tx) => {
        const old = await tx
          .select({ seq: outbox.seq })
          .from(outbox)
          .where(lt(outbox.sentAt, before))
          .orderBy(asc(outbox.seq))
          .limit(PRUNE_BATCH);
        if (old.length === 0) return 0;
        await tx.delete(outbox).where(
          inArray(
            outbox.seq,
            old.map((r) => r.seq),
          ),
        );
        return old.length;
      });
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
    }
  }

  /**
   * Asks for a drain soon; called after a transaction that enqueued events commits. Works whether
   * or not this instance holds the relay's lease (see the class comment); ignored once closed.
   */
  kick(): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    // Kicked after a request's commit, but not part of that request's trace.
    void detached(() => this.drain()).catch((err) => this.log.warn({ err: String(err) }, "outbox relay will retry"));
  }

  /** Publishes every pending row; resolves with how many were published. */
  async drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const sent = await this.publishBatch();
            total += sent;
            if (sent < this.batchSize) break;
          }
        } while (this.again);
      } finally {
        this.draining = undefined;
      }
      return total;
    })();
    return this.draining;
  }

  private async publishBatch(): Promise<number> {
    const rows = await this.db.orm.all<PendingRow>(pendingRows.bind({ limit: this.batchSize }));
    if (rows.length === 0) return 0;
    // Sent back to back on one connection, so the stream keeps the outbox order.
    const parsed = rows.map((r) => ({ ...r, headers: JSON.parse(r.headers) as Record<string, string> }));
    const results = await relaySpan(parsed, () =>
      Promise.allSettled(parsed.map((r) => this.bus.publishRaw(r.subject, r.payload, r.id, r.headers))),
    );
    const sent = rows.filter((_, i) => results[i]?.status === "fulfilled");
    const failed = rows.flatMap((r, i) => {
      const result = results[i];
      return result?.status === "rejected" ? [{ row: r, error: String(result.reason).slice(0, 500) }] : [];
    });
    await this.db.write(async (tx) => {
      if (sent.length) {
        await tx.run(markSent.bind({ sentAt: Date.now(), seqs: JSON.stringify(sent.map((r) => r.seq)) }));
      }
      // A row that cannot be published (NATS away, a message over the server's size limit) is
      // kept and retried on every later drain: never dropped.
      for (const { row, error } of failed) {
        await tx
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error })
          .where(eq(outbox.seq, row.seq));
      }
    });
    for (const { row, error } of failed) {
      const attempts = row.attempts + 1;
      this.log[attempts >= ALERT_AFTER_ATTEMPTS ? "error" : "warn"](
        { eventId: row.id, subject: row.subject, attempts, err: error },
        "outbox row not published; will retry",
      );
    }
    return sent.length;
  }

  /** Stops the poll and the prune (the lease ended); kicks still publish. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.draining?.catch(() => undefined);
  }

  /**
   * Shutdown, before the bus closes: no more kicks, and one last drain so the rows this process
   * committed go now rather than at the next holder's poll. A drain that fails (NATS away) leaves
   * them for that poll.
   */
  async close(): Promise<void> {
    await this.stop();
    this.closed = true;
    await this.drain().catch((err) => this.log.warn({ err: String(err) }, "final outbox drain failed; rows wait"));
  }
}
