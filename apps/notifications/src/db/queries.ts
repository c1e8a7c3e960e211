import type { Tx } from "@mercato/db";
import { redactLink } from "../domain/redact.ts";
import type { RenderedEmail } from "../templates/render.tsx";
import type * as schema from "./schema.ts";
import { messages } from "./schema.ts";

export interface PlannedEmail {
  to: string;
  email: RenderedEmail;
  /** A one-time link in the email: stored redacted, put back only when sending. */
  secretUrl?: string;
}

/**
 * Adds the messages an event causes as pending rows. The unique (event, template, recipient)
 * index turns a second insert for the same event into nothing, whichever path it comes by.
 */
export async function insertMessages(
  tx: Tx<typeof schema>,
  eventId: string,
  planned: readonly PlannedEmail[],
): Promise<number> {
  if (planned.length === 0) return 0;
  const now = new Date();
  const inserted = await tx
    .insert(messages)
    .values(
      planned.map((p) => ({
        id: Bun.randomUUIDv7(),
        to: p.to,
        template: p.email.template,
        subject: p.email.subject,
        ...(p.secretUrl ? redactLink(p.email, p.secretUrl) : { html: p.email.html, text: p.email.text }),
        secretUrl: p.secretUrl ?? null,
        eventId,
        status: "pending" as const,
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: messages.id });
  return inserted.length;
}

/** A message without its bodies, for lists (the contract's MessageSummary). */
export const summaryColumns = {
  id: messages.id,
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
};
