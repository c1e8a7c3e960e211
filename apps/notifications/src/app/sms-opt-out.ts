import { eq } from "drizzle-orm";
import { smsOptOuts } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { smsKeyword } from "../domain/channels.ts";

export type InboundOutcome = "opted_out" | "opted_in" | "ignored";

/**
 * An inbound SMS to the shop's number: an opt-out word records the number (no SMS goes to it
 * again, pending ones fail at send), START removes it. Anything else is not a command: ignored.
 */
export async function handleInboundSms(
  deps: Pick<NotificationsDeps, "db" | "log">,
  from: string,
  body: string,
): Promise<InboundOutcome> {
  const keyword = smsKeyword(body);
  if (!keyword) return "ignored";
  if (keyword.action === "opt_out") {
    const now = new Date();
    await deps.db.write((tx) =>
      tx
        .insert(smsOptOuts)
        .values({ phone: from, word: keyword.word, optedOutAt: now })
        .onConflictDoUpdate({ target: smsOptOuts.phone, set: { word: keyword.word, optedOutAt: now } }),
    );
    deps.log.info({ word: keyword.word }, "an SMS recipient opted out");
    return "opted_out";
  }
  await deps.db.write((tx) => tx.delete(smsOptOuts).where(eq(smsOptOuts.phone, from)));
  deps.log.info("an SMS recipient opted back in (START)");
  return "opted_in";
}
