import type { Database } from "@mercato/db";
import type { BusinessMetrics, Logger } from "@mercato/kit";
import { and, asc, eq, lte } from "drizzle-orm";
import type { PushPayload } from "../contract.ts";
import type * as schema from "../db/schema.ts";
import { type MessageRow, messages, pushSubscriptions, smsOptOuts } from "../db/schema.ts";
import type { KickableWorker } from "../deps.ts";
import { isE164, subscriptionGone } from "../domain/channels.ts";
import { classifyFailure, isDeliverableAddress, retryDelayMs } from "../domain/delivery.ts";
import { restoreLink } from "../domain/redact.ts";
import type { PushTransport, SendResult, SmsTransport, Transport } from "./transport.ts";
import { wakeLoop } from "./wake-loop.ts";

export interface SenderOptions {
  db: Database<typeof schema>;
  log: Logger;
  /** Counts messages sent and failed for good (`mercato_messages_total`); optional for tests. */
  business?: BusinessMetrics;
  transport: Transport;
  /** SMS and push: null when the channel is off (its rows, if any, fail with that reason). */
  sms: SmsTransport | null;
  push: PushTransport | null;
  from: string;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
}

const BATCH = 20;
/** How long a claimed row stays invisible to other senders while its send is in flight. */
const LEASE_MS = 60_000;

/**
 * The sender Worker: picks due pending messages of every channel (email, SMS, push), hands each
 * to its channel's transport and records the outcome. Transient failures (429, 5xx, network) come
 * back with exponential backoff until EMAIL_MAX_ATTEMPTS; any other refusal fails the message at
 * once with the provider's words. The same schedule and dead-letter (status failed) for all three.
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

  /** Why a row cannot be handed over at all (then it fails without an attempt), or its send. */
  async function deliver(row: MessageRow): Promise<SendResult | { refused: string }> {
    // The stored bodies have one-time links redacted; only what is sent carries them.
    const bodies = row.secretUrl ? restoreLink(row, row.secretUrl) : { html: row.html, text: row.text };
    if (row.channel === "email") {
      if (!isDeliverableAddress(row.to)) return { refused: `to: "${row.to}" is not a deliverable email address` };
      return o.transport.send({ id: row.id, from: o.from, to: row.to, subject: row.subject, ...bodies });
    }
    if (row.channel === "sms") {
      if (!o.sms) return { refused: "SMS is off (SMS_TRANSPORT=off)" };
      if (!isE164(row.to)) return { refused: "to: not an E.164 phone number" };
      const [optedOut] = await o.db.orm.select().from(smsOptOuts).where(eq(smsOptOuts.phone, row.to));
      if (optedOut) return { refused: `the number opted out of SMS (${optedOut.word})` };
      return o.sms.send({ id: row.id, to: row.to, body: bodies.text });
    }
    if (!o.push) return { refused: "web push is off (WEB_PUSH=false)" };
    const [sub] = await o.db.orm.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, row.to));
    if (!sub) return { refused: "the push subscription was removed" };
    const payload: PushPayload = { title: row.subject, body: bodies.text, url: row.url, tag: row.id };
    return o.push.send({
      id: row.id,
      subscription: { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      payload: JSON.stringify(payload),
    });
  }

  async function sendOne(row: MessageRow): Promise<void> {
    const result = await deliver(row);
    if ("refused" in result) {
      log.warn({ messageId: row.id, channel: row.channel, reason: result.refused }, "message not sent");
      await record(row.id, { status: "failed", lastError: result.refused });
      o.business?.message(row.channel, "failed");
      return;
    }
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
      o.business?.message(row.channel, "sent");
      return;
    }
    if (row.channel === "push" && subscriptionGone(result.statusCode)) {
      // The browser unsubscribed or the subscription expired: it will never take a message again.
      await o.db.write((tx) => tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, row.to)));
      log.info({ messageId: row.id, statusCode: result.statusCode }, "push subscription gone; removed");
    }
    const delay =
      classifyFailure(result.statusCode) === "retry" ? retryDelayMs(attempts, o.maxAttempts, o.retryBaseMs) : null;
    if (delay === null) {
      log.error({ messageId: row.id, channel: row.channel, attempts, error: result.error }, "message failed");
      await record(row.id, { status: "failed", attempts, lastError: result.error });
      o.business?.message(row.channel, "failed");
      return;
    }
    log.warn(
      { messageId: row.id, channel: row.channel, attempts, error: result.error, retryInMs: delay },
      "send failed; will retry",
    );
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
  return { name: "message-sender", ...loop };
}
