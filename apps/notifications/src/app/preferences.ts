import type { Tx } from "@mercato/db";
import { type EventOf, processOnce, type UserPreferencesChanged } from "@mercato/events";
import { eq, inArray, sql } from "drizzle-orm";
import type { PlannedEmail, PlannedMessage } from "../db/queries.ts";
import type * as schema from "../db/schema.ts";
import { deletedUsers, preferences, pushSubscriptions, smsOptOuts } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { PUSH_TEMPLATES, pushBody, SMS_TEMPLATES, smsBody } from "../domain/channels.ts";
import { type ContactPreferences, decideChannels, TEMPLATE_KINDS } from "../domain/preferences.ts";
import { INBOX_CONSUMER } from "./inbox.ts";

/**
 * Keeps a user's latest preferences: an event older (by `updatedAt`) than the stored one changes
 * nothing, so events that arrive out of order leave the newest in place. A deleted user's
 * preferences are not recorded again.
 */
export async function recordPreferences(
  deps: Pick<NotificationsDeps, "db">,
  event: EventOf<typeof UserPreferencesChanged>,
): Promise<void> {
  const d = event.data;
  await processOnce(deps.db, INBOX_CONSUMER, event, async (tx: Tx<typeof schema>) => {
    const [gone] = await tx.select().from(deletedUsers).where(eq(deletedUsers.userId, d.userId));
    if (gone) return;
    const row = {
      userId: d.userId,
      marketingConsent: d.marketingConsent,
      marketingConsentAt: d.marketingConsentAt ? new Date(d.marketingConsentAt) : null,
      regionId: d.regionId,
      language: d.language,
      channels: d.channels,
      // Older events (before #22) say nothing of the phone: keep what we have then.
      ...(d.phone !== undefined ? { phone: d.phone } : {}),
      updatedAt: new Date(d.updatedAt),
    };
    await tx
      .insert(preferences)
      .values(row)
      .onConflictDoUpdate({
        target: preferences.userId,
        set: {
          marketingConsent: row.marketingConsent,
          marketingConsentAt: row.marketingConsentAt,
          regionId: row.regionId,
          language: row.language,
          channels: row.channels,
          ...(d.phone !== undefined ? { phone: d.phone } : {}),
          updatedAt: row.updatedAt,
        },
        setWhere: sql`excluded.updated_at > ${preferences.updatedAt}`,
      });
  });
}

/**
 * The messages an event's planned emails become once the recipients' preferences are applied: each
 * template's kind decides the channels, per user (guests and users without preferences get the
 * defaults: email). An email stays when email is wanted; an SMS is added for the templates SMS
 * carries when SMS is wanted, the account has a number and it did not opt out; a push message per
 * browser subscription of the user for the order status changes push carries. Messages to deleted
 * users are dropped.
 */
export async function allowedByPreferences(
  deps: Pick<NotificationsDeps, "db" | "log" | "emailConfig" | "channels">,
  eventId: string,
  planned: readonly PlannedEmail[],
): Promise<PlannedMessage[]> {
  const userIds = [...new Set(planned.flatMap((p) => (p.userId ? [p.userId] : [])))];
  if (userIds.length === 0) return [...planned];
  const [prefRows, goneRows, subscriptions] = await Promise.all([
    deps.db.orm.select().from(preferences).where(inArray(preferences.userId, userIds)),
    deps.db.orm.select().from(deletedUsers).where(inArray(deletedUsers.userId, userIds)),
    deps.channels.push
      ? deps.db.orm
          .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
          .from(pushSubscriptions)
          .where(inArray(pushSubscriptions.userId, userIds))
      : Promise.resolve([]),
  ]);
  const prefs = new Map(prefRows.map((r) => [r.userId, r]));
  const gone = new Set(goneRows.map((r) => r.userId));
  const phones = [...new Set(prefRows.flatMap((r) => (r.phone ? [r.phone] : [])))];
  const optedOut = new Set(
    phones.length > 0
      ? (await deps.db.orm.select().from(smsOptOuts).where(inArray(smsOptOuts.phone, phones))).map((r) => r.phone)
      : [],
  );
  const out: PlannedMessage[] = [];
  for (const p of planned) {
    const template = p.email.template;
    if (!p.userId) {
      out.push(p);
      continue;
    }
    const userId = p.userId;
    if (gone.has(userId)) {
      deps.log.info({ eventId, template }, "message to a deleted account not recorded");
      continue;
    }
    const pref = prefs.get(userId) ?? null;
    const decision = decideChannels(TEMPLATE_KINDS[template], pref as ContactPreferences | null);
    if (decision.send.includes("email")) out.push(p);
    else deps.log.info({ eventId, template, reason: decision.reason }, "email left out by preference");

    if (decision.send.includes("sms") && SMS_TEMPLATES.has(template) && deps.channels.sms) {
      if (!pref?.phone) deps.log.info({ eventId, template }, "SMS wanted but the account has no phone number");
      else if (optedOut.has(pref.phone)) deps.log.info({ eventId, template }, "SMS wanted but the number opted out");
      else {
        const link = p.secretUrl ?? p.link ?? null;
        out.push({
          channel: "sms",
          to: pref.phone,
          template,
          subject: p.email.subject,
          text: smsBody(deps.emailConfig.shopName, p.email.subject, link),
          ...(p.secretUrl ? { secretUrl: p.secretUrl } : {}),
          userId,
        });
      }
    }
    if (decision.send.includes("push") && PUSH_TEMPLATES.has(template)) {
      for (const sub of subscriptions) {
        if (sub.userId !== userId) continue;
        out.push({
          channel: "push",
          to: sub.id,
          template,
          subject: p.email.subject,
          text: pushBody(template),
          userId,
          url: p.link ?? null,
        });
      }
    }
  }
  return out;
}
