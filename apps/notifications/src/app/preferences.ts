import type { Tx } from "@mercato/db";
import { type EventOf, processOnce, type UserPreferencesChanged } from "@mercato/events";
import { eq, inArray, sql } from "drizzle-orm";
import type { PlannedEmail } from "../db/queries.ts";
import type * as schema from "../db/schema.ts";
import { deletedUsers, preferences } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
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
          updatedAt: row.updatedAt,
        },
        setWhere: sql`excluded.updated_at > ${preferences.updatedAt}`,
      });
  });
}

/**
 * The planned emails the recipients' preferences allow: each template's kind decides, per user
 * (guests and users without preferences get the defaults). SMS and push do not exist yet: a wish
 * for them is skipped and logged, nothing is recorded for it. Emails to deleted users are dropped.
 */
export async function allowedByPreferences(
  deps: Pick<NotificationsDeps, "db" | "log">,
  eventId: string,
  planned: readonly PlannedEmail[],
): Promise<PlannedEmail[]> {
  const userIds = [...new Set(planned.flatMap((p) => (p.userId ? [p.userId] : [])))];
  if (userIds.length === 0) return [...planned];
  const [prefRows, goneRows] = await Promise.all([
    deps.db.orm.select().from(preferences).where(inArray(preferences.userId, userIds)),
    deps.db.orm.select().from(deletedUsers).where(inArray(deletedUsers.userId, userIds)),
  ]);
  const prefs = new Map<string, ContactPreferences>(prefRows.map((r) => [r.userId, r]));
  const gone = new Set(goneRows.map((r) => r.userId));
  return planned.filter((p) => {
    if (!p.userId) return true;
    if (gone.has(p.userId)) {
      deps.log.info({ eventId, template: p.email.template }, "email to a deleted account not recorded");
      return false;
    }
    const decision = decideChannels(TEMPLATE_KINDS[p.email.template], prefs.get(p.userId) ?? null);
    if (decision.unavailable.length > 0) {
      deps.log.info(
        { eventId, template: p.email.template, channels: decision.unavailable },
        "channels the user wants are not available yet; skipped",
      );
    }
    if (!decision.send.includes("email")) {
      deps.log.info({ eventId, template: p.email.template, reason: decision.reason }, "email left out by preference");
      return false;
    }
    return true;
  });
}
