import { decodeCursor, keysetPage } from "@mercato/db";
import { notFound } from "@mercato/kit";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { MailboxListInput, MailboxPage, Message } from "../contract.ts";
import { messageColumns, summaryColumns } from "../db/queries.ts";
import { messages } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";

/**
 * The mailbox, newest first, by recipient and status. Ids are UUIDv7 (time-ordered), so the id
 * alone is the page key (`messages_to_id` serves a recipient's pages).
 */
export async function mailboxPage(deps: NotificationsDeps, input: MailboxListInput): Promise<MailboxPage> {
  const where: SQL[] = [];
  if (input.cursor) {
    const [lastId] = decodeCursor(input.cursor, ["string"]);
    where.push(lt(messages.id, lastId));
  }
  if (input.to) where.push(eq(messages.to, input.to));
  if (input.status) where.push(eq(messages.status, input.status));
  if (input.channel) where.push(eq(messages.channel, input.channel));
  const rows = await deps.db.orm
    .select(summaryColumns)
    .from(messages)
    .where(and(...where))
    .orderBy(desc(messages.id))
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, (last) => [last.id]);
}

/** One message with its bodies (one-time links redacted). */
export async function messageById(deps: NotificationsDeps, id: string): Promise<Message> {
  const [row] = await deps.db.orm.select(messageColumns).from(messages).where(eq(messages.id, id));
  if (!row) throw notFound("id", `no message "${id}"`);
  return row;
}
