import { conflict, notFound } from "@mercato/kit";
import { and, desc, eq } from "drizzle-orm";
import type { MessageSummary } from "../contract.ts";
import { summaryColumns } from "../db/queries.ts";
import { messages } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";

const FAILED_SHOWN = 100;

/** The most recent failed messages, newest first, with the provider's reason. */
export function failedMessages(deps: NotificationsDeps): Promise<MessageSummary[]> {
  return deps.db.orm
    .select(summaryColumns)
    .from(messages)
    .where(eq(messages.status, "failed"))
    .orderBy(desc(messages.id))
    .limit(FAILED_SHOWN);
}

/** Puts a failed message back in the queue with a fresh attempt budget (same id, so same idempotency key). */
export async function retryFailedMessage(deps: NotificationsDeps, id: string): Promise<MessageSummary> {
  const row = await deps.db.write(async (tx) => {
    const [updated] = await tx
      .update(messages)
      .set({ status: "pending", attempts: 0, nextAttemptAt: new Date() })
      .where(and(eq(messages.id, id), eq(messages.status, "failed")))
      .returning(summaryColumns);
    if (updated) return updated;
    const [existing] = await tx.select({ status: messages.status }).from(messages).where(eq(messages.id, id));
    if (!existing) throw notFound("id", `no message "${id}"`);
    throw conflict("id", `only failed messages can be retried; this one is ${existing.status}`);
  });
  deps.sender.kick();
  return row;
}
