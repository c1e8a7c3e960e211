import { and, desc, eq, isNotNull, lte } from "drizzle-orm";
import { insertMessages } from "../db/queries.ts";
import { supportConversations, supportMessages } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { awayEmailDue, previewOf } from "../domain/support.ts";
import { renderEmail } from "../templates/render.tsx";
import { supportReplyEmail } from "../templates/support-reply.tsx";

/**
 * One pass of the away-email check (#22): each conversation whose answer is due and unseen gets
 * one `support-reply` email through the outbox of emails (the `messages` table and its sender),
 * keyed by the answer's id, so it is sent once; seen or mailed, the due time is cleared.
 */
export async function sendAwayEmails(
  deps: Pick<NotificationsDeps, "db" | "emailConfig" | "sender">,
  now = new Date(),
): Promise<number> {
  const due = await deps.db.orm
    .select()
    .from(supportConversations)
    .where(and(isNotNull(supportConversations.awayEmailDueAt), lte(supportConversations.awayEmailDueAt, now)))
    .limit(100);
  let mailed = 0;
  for (const c of due) {
    const [answer] = await deps.db.orm
      .select()
      .from(supportMessages)
      .where(and(eq(supportMessages.conversationId, c.id), eq(supportMessages.author, "staff")))
      .orderBy(desc(supportMessages.id))
      .limit(1);
    const send = awayEmailDue({ ...c, lastStaffAnswerAt: answer?.createdAt ?? null }, now);
    await deps.db.write(async (tx) => {
      if (send && answer) {
        mailed += await insertMessages(tx, `support-reply:${answer.id}`, [
          {
            to: c.email,
            userId: c.userId,
            email: renderEmail(
              supportReplyEmail,
              { orderId: c.orderId, preview: previewOf(answer.body) },
              deps.emailConfig,
            ),
          },
        ]);
      }
      await tx.update(supportConversations).set({ awayEmailDueAt: null }).where(eq(supportConversations.id, c.id));
    });
  }
  if (mailed > 0) deps.sender.kick();
  return mailed;
}
