/**
 * Webhook endpoints (#24): staff register, edit, rotate and remove them (each audited). The URL
 * passes the SSRF check when saved (every address its host resolves to must be public, unless
 * private addresses are allowed: development and test only); the secret is made here, stored
 * sealed, and answered only by create and rotate.
 */
import { recordAudit } from "@mercato/kit/audit";
import { invalid, notFound } from "@mercato/kit/errors";
import { desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type {
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  webhookEndpointCreateInput,
  webhookEndpointUpdateInput,
} from "../contract-webhooks.ts";
import { type WebhookEndpointRow, webhookAttempts, webhookDeliveries, webhookEndpoints } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { newWebhookSecret } from "../domain/webhook-secrets.ts";
import { privateAddressesAllowed } from "../env-webhooks.ts";
import { refusedHostReason } from "../sender/webhook-transport.ts";

type Deps = Pick<NotificationsDeps, "db" | "env" | "webhookSecrets">;

/** What staff see of an endpoint: never a secret. */
export function endpointView(row: WebhookEndpointRow, now = new Date()): WebhookEndpoint {
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    previousSecretExpiresAt: overlap,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Refuses (400 naming `url`) a URL whose host is not public, where private addresses are not allowed. */
async function checkUrl(deps: Deps, url: string): Promise<void> {
  if (privateAddressesAllowed(deps.env)) return;
  if (new URL(url).protocol !== "https:") throw invalid("url", "must be https: in production");
  const refused = await refusedHostReason(url);
  if (refused) throw invalid("url", `refused: ${refused}`);
}

export async function endpointRow(deps: Pick<Deps, "db">, id: string): Promise<WebhookEndpointRow> {
  const [row] = await deps.db.orm.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!row) throw notFound("id", `no webhook endpoint "${id}"`);
  return row;
}

export async function listEndpoints(deps: Pick<Deps, "db">): Promise<{ items: WebhookEndpoint[] }> {
  const rows = await deps.db.orm.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.id));
  const now = new Date();
  return { items: rows.map((r) => endpointView(r, now)) };
}

export async function createEndpoint(
  deps: Deps,
  input: z.output<typeof webhookEndpointCreateInput>,
): Promise<WebhookEndpointWithSecret> {
  await checkUrl(deps, input.url);
  const secret = newWebhookSecret();
  const sealed = await deps.webhookSecrets.seal(secret);
  const now = new Date();
  const row = await deps.db.write(async (tx) => {
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({
        id: `ep_${Bun.randomUUIDv7().replaceAll("-", "")}`,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        enabled: input.enabled,
        secretCiphertext: sealed,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error("webhook endpoint insert returned nothing");
    await recordAudit(tx, {
      action: "notifications.webhooks.create",
      targetId: created.id,
      after: endpointView(created, now),
    });
    return created;
  });
  return { endpoint: endpointView(row, now), secret };
}

export async function updateEndpoint(
  deps: Deps,
  input: z.output<typeof webhookEndpointUpdateInput>,
): Promise<WebhookEndpoint> {
  if (input.url !== undefined) await checkUrl(deps, input.url);
  const now = new Date();
  const row = await deps.db.write(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, input.id));
    if (!before) throw notFound("id", `no webhook endpoint "${input.id}"`);
    const enabling = input.enabled === true && !before.enabled;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        // Turned back on by staff: the failure streak starts over.
        ...(enabling ? { disabledReason: null, consecutiveFailures: 0, failingSince: null } : {}),
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, input.id))
      .returning();
    if (!after) throw notFound("id", `no webhook endpoint "${input.id}"`);
    await recordAudit(tx, {
      action: "notifications.webhooks.update",
      targetId: input.id,
      before: endpointView(before, now),
      after: endpointView(after, now),
    });
    return after;
  });
  return endpointView(row, now);
}

/**
 * A new secret; the one it replaces still signs (a second signature in `webhook-signature`) for
 * WEBHOOK_SECRET_OVERLAP_SECONDS, so a receiver can switch over without refusing a message.
 */
export async function rotateEndpointSecret(deps: Deps, id: string): Promise<WebhookEndpointWithSecret> {
  const secret = newWebhookSecret();
  const sealed = await deps.webhookSecrets.seal(secret);
  const now = new Date();
  const overlapMs = deps.env.WEBHOOK_SECRET_OVERLAP_SECONDS * 1000;
  const row = await deps.db.write(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    if (!before) throw notFound("id", `no webhook endpoint "${id}"`);
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        secretCiphertext: sealed,
        previousSecretCiphertext: overlapMs > 0 ? before.secretCiphertext : null,
        previousSecretExpiresAt: overlapMs > 0 ? new Date(now.getTime() + overlapMs) : null,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    if (!after) throw notFound("id", `no webhook endpoint "${id}"`);
    await recordAudit(tx, { action: "notifications.webhooks.rotateSecret", targetId: id });
    return after;
  });
  return { endpoint: endpointView(row, now), secret };
}

/** Removes an endpoint with its deliveries and their log. */
export async function removeEndpoint(deps: Pick<Deps, "db">, id: string): Promise<{ removed: true }> {
  await deps.db.write(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    if (!before) throw notFound("id", `no webhook endpoint "${id}"`);
    const ids = tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, id));
    await tx.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids));
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, { action: "notifications.webhooks.remove", targetId: id, before: endpointView(before) });
  });
  return { removed: true };
}
