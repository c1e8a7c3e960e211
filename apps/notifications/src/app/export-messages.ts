import { desc, eq, or, sql } from "drizzle-orm";
import { EXPORT_MESSAGES_MAX, type ExportedMessage, type MessagesForInput } from "../contract.ts";
import { messages } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";

/**
 * A user's messages for their data export (identity's `account` export, before deletion): found
 * by user id and by address (case-insensitive), newest first, at most EXPORT_MESSAGES_MAX. The
 * stored bodies are given, so one-time links stay redacted.
 */
export function messagesFor(deps: Pick<NotificationsDeps, "db">, input: MessagesForInput): Promise<ExportedMessage[]> {
  return deps.db.orm
    .select({
      id: messages.id,
      to: messages.to,
      template: messages.template,
      subject: messages.subject,
      status: messages.status,
      text: messages.text,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(or(eq(messages.userId, input.userId), eq(sql`lower(${messages.to})`, input.email.trim().toLowerCase())))
    .orderBy(desc(messages.id))
    .limit(EXPORT_MESSAGES_MAX);
}
