import type { Database } from "@mercato/db";
import type { Logger } from "@mercato/kit";
import { and, asc, eq, lte } from "drizzle-orm";
import type * as schema from "../db/schema.ts";
import { type MessageRow, messages } from "../db/schema.ts";
import type { KickableWorker } from "../deps.ts";
import { classifyFailure, isDeliverableAddress, retryDelayMs } from "../domain/delivery.ts";
import { restoreLink } from "../domain/redact.ts";
import type { Transport } from "./transport.ts";
import { wakeLoop } from "./wake-loop.ts";

export interface SenderOptions {
  db: Database<typeof schema>;
  log: Logger;
  transport: Transport;
  from: string;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
}

const BATCH = 20;
/** How long a claimed row stays invisible to other senders while its send is in flight. */
const LEASE_MS = 60_000;

/**
 * The sender Worker: picks due pending messages, hands them to the transport and records the
 * outcome. Transient failures (429, 5xx, network) come back with exponential backoff until
 * EMAIL_MAX_ATTEMPTS; any other refusal fails the message at once with the provider's words.
 */
export function createSender(o: SenderOptions): KickableWorker {
  const log = o.log.child({ component: "sender", transport: o.transport.name });

  async function claim(id: string, now: Date): Promise<MessageRow | undefined> {
    const [row] = await o.db.write((tx) =>
      tx
        .update(messages)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(and(eq(messages.id, id), eq(messages.status, "pending"), lte(messages.nextAttemptAt, now)))
        .returning(),
    );
    return row;
  }

  async function record(id: string, values: Partial<typeof messages.$inferInsert>): Promise<void> {
    await o.db.write((tx) => tx.update(messages).set(values).where(eq(messages.id, id)));
  }

  async function sendOne(row: MessageRow): Promise<void> {
    if (!isDeliverableAddress(row.to)) {
      log.warn({ messageId: row.id }, "recipient is not a deliverable address; not sent");
      await record(row.id, { status: "failed", lastError: `to: "${row.to}" is not a deliverable email address` });
      return;
    }
    // The stored bodies have one-time links redacted; only the email itself carries them.
    const bodies = row.secretUrl ? restoreLink(row, row.secretUrl) : { html: row.html, text: row.text };
    const result = await o.transport.send({ id: row.id, from: o.from, to: row.to, subject: row.subject, ...bodies });
    const attempts = row.attempts + 1;
    if (result.ok) {
      await record(row.id, {
        status: "sent",
        attempts,
        providerId: result.providerId,
        sentAt: new Date(),
        lastError: null,
        // Delivered: the link is the recipient's alone now. (A failed message keeps it for a retry.)
        secretUrl: null,
      });
      return;
    }
    const delay =
      classifyFailure(result.statusCode) === "retry" ? retryDelayMs(attempts, o.maxAttempts, o.retryBaseMs) : null;
    if (delay === null) {
      log.error({ messageId: row.id, attempts, error: result.error }, "email failed");
      await record(row.id, { status: "failed", attempts, lastError: result.error });
      return;
    }
    log.warn({ messageId: row.id, attempts, error: result.error, retryInMs: delay }, "email send failed; will retry");
    await record(row.id, { attempts, lastError: result.error, nextAttemptAt: new Date(Date.now() + delay) });
    loop.wakeIn(delay);
  }

  async function pass(): Promise<void> {
    for (;;) {
      const now = new Date();
      const due = await o.db.orm
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.status, "pending"), lte(messages.nextAttemptAt, now)))
        .orderBy(asc(messages.nextAttemptAt))
        .limit(BATCH);
      if (due.length === 0) return;
      for (const { id } of due) {
        const row = await claim(id, now);
        if (row) await sendOne(row);
      }
      if (due.length < BATCH) return;
    }
  }

  const loop = wakeLoop(pass, o.pollMs, (err) => log.error({ err }, "sender pass failed; will retry"));
  return { name: "email-sender", ...loop };
}
