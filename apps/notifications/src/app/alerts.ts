/**
 * Live staff alerts (#22): raising one (stored once per cause, `notifications.alert.sent.v1`
 * published through the outbox in the same write), listing them, and acknowledging them (who and
 * when, with an audit entry). The live stream is fed by the published event (live/alert-feed.ts).
 */
import type { Tx } from "@mercato/db";
import { decodeCursor, keysetPage } from "@mercato/db";
import { AlertSent, createEvent, enqueue } from "@mercato/events";
import { currentUser } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { notFound } from "@mercato/kit/errors";
import { and, count, desc, eq, isNull, lt, type SQL } from "drizzle-orm";
import type { Alert, AlertListInput, AlertPage } from "../contract.ts";
import { alertListInput } from "../contract.ts";
import type * as schema from "../db/schema.ts";
import { alerts } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import type { AlertDraft } from "../domain/alerts.ts";

type Deps = Pick<NotificationsDeps, "db">;

const columns = {
  id: alerts.id,
  kind: alerts.kind,
  subject: alerts.subject,
  message: alerts.message,
  createdAt: alerts.createdAt,
  acknowledgedAt: alerts.acknowledgedAt,
  acknowledgedBy: alerts.acknowledgedByEmail,
};

/**
 * Records an alert in the caller's transaction unless its cause was alerted already, and enqueues
 * `notifications.alert.sent.v1` with it. Returns the new alert, or null for a repeat.
 */
export async function raiseAlert(tx: Tx<typeof schema>, draft: AlertDraft, now = new Date()): Promise<Alert | null> {
  const [row] = await tx
    .insert(alerts)
    .values({ id: Bun.randomUUIDv7(), ...draft, createdAt: now })
    .onConflictDoNothing({ target: alerts.dedupeKey })
    .returning(columns);
  if (!row) return null;
  await enqueue(
    tx,
    createEvent(
      AlertSent,
      { alertId: row.id, kind: row.kind, subject: row.subject, message: row.message, createdAt: now.toISOString() },
      { key: row.id },
    ),
  );
  return row;
}

export async function unreadCount(deps: Deps): Promise<number> {
  const [row] = await deps.db.orm.select({ n: count() }).from(alerts).where(isNull(alerts.acknowledgedAt));
  return row?.n ?? 0;
}

export async function alertById(deps: Deps, id: string): Promise<Alert | null> {
  const [row] = await deps.db.orm.select(columns).from(alerts).where(eq(alerts.id, id));
  return row ?? null;
}

/** Newest first (ids are UUIDv7), with the unread count. */
export async function alertPage(deps: Deps, raw: AlertListInput): Promise<AlertPage> {
  const input = alertListInput.parse(raw);
  const where: SQL[] = [];
  if (input.cursor) {
    const [lastId] = decodeCursor(input.cursor, ["string"]);
    where.push(lt(alerts.id, lastId));
  }
  if (input.unreadOnly) where.push(isNull(alerts.acknowledgedAt));
  const rows = await deps.db.orm
    .select(columns)
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.id))
    .limit(input.limit + 1);
  return { ...keysetPage(rows, input.limit, (last) => [last.id]), unread: await unreadCount(deps) };
}

function actor(): { id: string; email: string } {
  const user = currentUser();
  if (!user) throw new Error("acknowledging an alert needs a signed-in staff member");
  return { id: user.id, email: user.email };
}

/**
 * Acknowledges one alert (who and when, audited). Acknowledging one already acknowledged changes
 * nothing and keeps the first acknowledgement.
 */
export async function acknowledgeAlert(deps: Deps, id: string): Promise<{ acknowledged: number; unread: number }> {
  const by = actor();
  const acknowledged = await deps.db.write(async (tx) => {
    const [before] = await tx.select(columns).from(alerts).where(eq(alerts.id, id));
    if (!before) throw notFound("id", `no alert "${id}"`);
    if (before.acknowledgedAt) return 0;
    const now = new Date();
    await tx
      .update(alerts)
      .set({ acknowledgedAt: now, acknowledgedBy: by.id, acknowledgedByEmail: by.email })
      .where(eq(alerts.id, id));
    await recordAudit(tx, {
      action: "notifications.alerts.acknowledge",
      targetId: id,
      before: { kind: before.kind, subject: before.subject, acknowledgedAt: null },
      after: { kind: before.kind, subject: before.subject, acknowledgedAt: now.toISOString() },
    });
    return 1;
  });
  return { acknowledged, unread: await unreadCount(deps) };
}

/** Acknowledges every unread alert at once: one audit entry naming how many. */
export async function acknowledgeAllAlerts(deps: Deps): Promise<{ acknowledged: number; unread: number }> {
  const by = actor();
  const acknowledged = await deps.db.write(async (tx) => {
    const now = new Date();
    const rows = await tx
      .update(alerts)
      .set({ acknowledgedAt: now, acknowledgedBy: by.id, acknowledgedByEmail: by.email })
      .where(isNull(alerts.acknowledgedAt))
      .returning({ id: alerts.id });
    if (rows.length > 0) {
      await recordAudit(tx, {
        action: "notifications.alerts.acknowledgeAll",
        targetId: "alerts",
        before: { unread: rows.length },
        after: {
          unread: 0,
          acknowledged: rows.length,
          ids: rows.slice(0, 100).map((r) => r.id),
          acknowledgedAt: now.toISOString(),
        },
      });
    }
    return rows.length;
  });
  return { acknowledged, unread: await unreadCount(deps) };
}
