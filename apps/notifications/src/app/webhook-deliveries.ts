/**
 * Webhook deliveries (#24): made from platform events (one per subscribed, enabled endpoint, once
 * per event whatever the redeliveries), the "send test event" button, the deliveries list with
 * its log, and manual redelivery (same `webhook-id`, same body, a new round of attempts).
 */
import type { Tx } from "@mercato/db";
import { decodeCursor, keysetPage } from "@mercato/db";
import { type Envelope, processOnce } from "@mercato/events";
import { recordAudit } from "@mercato/kit/audit";
import { conflict, notFound } from "@mercato/kit/errors";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import {
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookDeliveryListInput,
  webhookDeliveryListInput,
} from "../contract-webhooks.ts";
import type * as schema from "../db/schema.ts";
import { type WebhookDeliveryRow, webhookAttempts, webhookDeliveries, webhookEndpoints } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { webhookMessageId } from "../domain/webhook-delivery.ts";
import { type MappedWebhook, webhookBody } from "../domain/webhook-payloads.ts";
import { endpointRow } from "./webhook-endpoints.ts";

/** The inbox name of the webhook handlers (the email and alert handlers of the same events have their own). */
export const WEBHOOKS_INBOX_CONSUMER = "notifications-webhooks";

type Deps = Pick<NotificationsDeps, "db" | "webhooks">;

function deliveryView(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
    lastStatusCode: row.lastStatusCode,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}

/**
 * Queues the mapped event for every enabled endpoint subscribed to its type, in one write with the
 * event id in the inbox: a redelivered event queues nothing twice. Null (nothing to tell) records
 * the event only.
 */
export async function queueWebhooks(deps: Deps, event: Envelope, mapped: MappedWebhook | null): Promise<void> {
  const done = await processOnce(deps.db, WEBHOOKS_INBOX_CONSUMER, event, async (anyTx) => {
    if (!mapped) return 0;
    const tx = anyTx as Tx<typeof schema>;
    const endpoints = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true));
    const subscribed = endpoints.filter((e) => (e.eventTypes as readonly string[]).includes(mapped.type));
    if (subscribed.length === 0) return 0;
    const payload = webhookBody(mapped, event.occurredAt);
    const now = new Date();
    const inserted = await tx
      .insert(webhookDeliveries)
      .values(
        subscribed.map((e) => ({
          id: webhookMessageId(Bun.randomUUIDv7()),
          endpointId: e.id,
          eventId: event.id,
          type: mapped.type,
          payload,
          nextAttemptAt: now,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    return inserted.length;
  });
  if (done.done && done.result > 0) deps.webhooks.kick();
}

/** The "send test event" button: one `webhook.test` delivery to this endpoint, whatever it subscribes to. */
export async function sendTestEvent(deps: Deps, endpointId: string): Promise<WebhookDelivery> {
  const endpoint = await endpointRow(deps, endpointId);
  if (!endpoint.enabled) throw conflict("id", "the endpoint is disabled: enable it to send a test event");
  const now = new Date();
  const id = webhookMessageId(Bun.randomUUIDv7());
  const payload = webhookBody(
    { type: "webhook.test", data: { endpointId, message: "A test event from Mercato: your endpoint works." } },
    now.toISOString(),
  );
  const row = await deps.db.write(async (tx) => {
    const [created] = await tx
      .insert(webhookDeliveries)
      .values({
        id,
        endpointId,
        eventId: `test:${id}`,
        type: "webhook.test",
        payload,
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning();
    if (!created) throw new Error("webhook test delivery insert returned nothing");
    await recordAudit(tx, {
      action: "notifications.webhooks.sendTest",
      targetId: endpointId,
      after: { deliveryId: id },
    });
    return created;
  });
  deps.webhooks.kick();
  return deliveryView(row);
}

/** An endpoint's deliveries, newest first (ids are time-ordered). */
export async function deliveryPage(
  deps: Pick<Deps, "db">,
  raw: WebhookDeliveryListInput,
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  const input = webhookDeliveryListInput.parse(raw);
  await endpointRow(deps, input.endpointId);
  const where: SQL[] = [eq(webhookDeliveries.endpointId, input.endpointId)];
  if (input.cursor) {
    const [lastId] = decodeCursor(input.cursor, ["string"]);
    where.push(lt(webhookDeliveries.id, lastId));
  }
  if (input.status) where.push(eq(webhookDeliveries.status, input.status));
  const rows = await deps.db.orm
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit, (last) => [last.id]);
  return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
}

/** One delivery with the exact body and every attempt, newest first. */
export async function deliveryDetail(deps: Pick<Deps, "db">, id: string): Promise<WebhookDeliveryDetail> {
  const [row] = await deps.db.orm.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  if (!row) throw notFound("id", `no webhook delivery "${id}"`);
  const log = await deps.db.orm
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, id))
    .orderBy(desc(webhookAttempts.id));
  return {
    ...deliveryView(row),
    payload: row.payload,
    log: log.map((a) => ({
      id: a.id,
      startedAt: a.startedAt,
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
      responseExcerpt: a.responseExcerpt,
    })),
  };
}

/**
 * Sends a delivery again now, whatever its status: the same `webhook-id` and body (receivers that
 * saw it deduplicate), a fresh round of attempts. Audited.
 */
export async function redeliver(deps: Deps, id: string): Promise<WebhookDelivery> {
  const now = new Date();
  const row = await deps.db.write(async (tx) => {
    const [found] = await tx
      .select({ enabled: webhookEndpoints.enabled })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, id));
    if (!found) throw notFound("id", `no webhook delivery "${id}"`);
    if (!found.enabled) throw conflict("id", "the endpoint is disabled: enable it to redeliver");
    const [after] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, completedAt: null })
      .where(eq(webhookDeliveries.id, id))
      .returning();
    if (!after) throw notFound("id", `no webhook delivery "${id}"`);
    await recordAudit(tx, { action: "notifications.webhooks.redeliver", targetId: id });
    return after;
  });
  deps.webhooks.kick();
  return deliveryView(row);
}
