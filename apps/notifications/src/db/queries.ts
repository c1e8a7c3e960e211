import type { Tx } from "@mercato/db";
import { and, eq, gte } from "drizzle-orm";
import type { MessageKind } from "../contract.ts";
import { redactLink } from "../domain/redact.ts";
import type { RenderedEmail } from "../templates/render.tsx";
import type * as schema from "./schema.ts";
import { messages } from "./schema.ts";

export interface PlannedEmail {
  to: string;
  email: RenderedEmail;
  /** A one-time link in the email: stored redacted, put back only when sending. */
  secretUrl?: string;
  /** At most one email with this key per window: skipped while an earlier one is younger than `windowMs`. */
  throttle?: { key: string; windowMs: number };
  /** The recipient's account, when known: their preferences apply, and deleting it finds the row. */
  userId?: string | null;
  /**
   * The storefront page the message is about (the order), for its SMS and push versions. For a
   * password reset the SMS carries `secretUrl` instead.
   */
  link?: string;
}

/** An SMS or a push message made from a planned email for a user who chose that channel. */
export interface PlannedChannelMessage {
  channel: "sms" | "push";
  /** sms: an E.164 number; push: a push_subscriptions id. */
  to: string;
  template: MessageKind;
  subject: string;
  text: string;
  secretUrl?: string;
  userId: string;
  /** push: the page the notification opens. */
  url?: string | null;
}

export type PlannedMessage = PlannedEmail | PlannedChannelMessage;

const isEmail = (p: PlannedMessage): p is PlannedEmail => !("channel" in p);

function rowOf(p: PlannedMessage, eventId: string, now: Date) {
  const common = {
    id: Bun.randomUUIDv7(),
    secretUrl: p.secretUrl ?? null,
    userId: p.userId ?? null,
    eventId,
    status: "pending" as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  };
  if (!isEmail(p)) {
    return {
      ...common,
      channel: p.channel,
      to: p.to,
      template: p.template,
      subject: p.subject,
      ...(p.secretUrl ? redactLink({ html: "", text: p.text }, p.secretUrl) : { html: "", text: p.text }),
      throttleKey: null,
      url: p.url ?? null,
    };
  }
  return {
    ...common,
    channel: "email" as const,
    to: p.to,
    template: p.email.template,
    subject: p.email.subject,
    ...(p.secretUrl ? redactLink(p.email, p.secretUrl) : { html: p.email.html, text: p.email.text }),
    throttleKey: p.throttle?.key ?? null,
    url: null,
  };
}

/**
 * Adds the messages an event causes (emails, and their SMS and push versions) as pending rows of
 * the one outbox. The unique (event, template, channel, recipient) index turns a second insert for
 * the same event into nothing, whichever path it comes by; a throttled email whose key was mailed
 * within its window is left out.
 */
export async function insertMessages(
  tx: Tx<typeof schema>,
  eventId: string,
  planned: readonly PlannedMessage[],
): Promise<number> {
  const now = new Date();
  const due: PlannedMessage[] = [];
  for (const p of planned) if (!isEmail(p) || !(await throttled(tx, p, now))) due.push(p);
  if (due.length === 0) return 0;
  const inserted = await tx
    .insert(messages)
    .values(due.map((p) => rowOf(p, eventId, now)))
    .onConflictDoNothing()
    .returning({ id: messages.id });
  return inserted.length;
}

/**
 * Whether an email with the same throttle key was recorded within its window. Read in the same
 * write transaction as the insert, so two events handled at once cannot both pass.
 */
async function throttled(tx: Tx<typeof schema>, p: PlannedEmail, now: Date): Promise<boolean> {
  if (!p.throttle || p.throttle.windowMs <= 0) return false;
  const since = new Date(now.getTime() - p.throttle.windowMs);
  const [recent] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.throttleKey, p.throttle.key), gte(messages.createdAt, since)))
    .limit(1);
  return recent !== undefined;
}

/** A message without its bodies, for lists (the contract's MessageSummary). */
export const summaryColumns = {
  id: messages.id,
  channel: messages.channel,
  to: messages.to,
  template: messages.template,
  subject: messages.subject,
  eventId: messages.eventId,
  status: messages.status,
  attempts: messages.attempts,
  providerId: messages.providerId,
  lastError: messages.lastError,
  createdAt: messages.createdAt,
  sentAt: messages.sentAt,
};

/** A message with its (redacted) bodies, as the mailbox shows it: never the secret link. */
export const messageColumns = {
  ...summaryColumns,
  html: messages.html,
  text: messages.text,
  nextAttemptAt: messages.nextAttemptAt,
  url: messages.url,
};
