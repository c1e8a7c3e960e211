/**
 * The webhook delivery pass (#24), run by the worker: due deliveries of enabled endpoints are
 * leased, signed (Standard Webhooks, `standardwebhooks`: the current secret and, during a
 * rotation's overlap, the previous one), sent, and their outcome recorded in one write with the
 * attempt's log row and the endpoint's failure streak. A crash mid-send leaves the lease, after
 * which the row is sent again: at-least-once, always under the same `webhook-id`.
 */
import { and, asc, eq, lte } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { insertMessages } from "../db/queries.ts";
import {
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import {
  isDelivered,
  isSustainedFailure,
  streakAfterFailure,
  webhookRetryDelayMs,
} from "../domain/webhook-delivery.ts";
import type { WebhookAttemptResult, WebhookSend } from "../sender/webhook-transport.ts";
import { renderEmail } from "../templates/render.tsx";
import { webhookDisabledEmail } from "../templates/webhook-disabled.tsx";

export type WebhookPassDeps = Pick<
  NotificationsDeps,
  "db" | "env" | "log" | "webhookSecrets" | "recipients" | "emailConfig" | "sender"
> & { sendWebhook: WebhookSend };

const BATCH = 20;

/** How long a leased delivery stays invisible to other passes: the attempt's limit and a margin. */
const leaseMs = (timeoutMs: number) => timeoutMs + 30_000;

/** `webhook-signature`: one `v1,<sig>` per secret that signs now, space-separated. */
async function signatures(
  deps: WebhookPassDeps,
  endpoint: WebhookEndpointRow,
  id: string,
  at: Date,
  payload: string,
): Promise<string> {
  const sealed = [endpoint.secretCiphertext];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > at) {
    sealed.push(endpoint.previousSecretCiphertext);
  }
  const sigs = await Promise.all(
    sealed.map(async (s) => new Webhook(await deps.webhookSecrets.open(s)).sign(id, at, payload)),
  );
  return sigs.join(" ");
}

async function claim(deps: WebhookPassDeps, id: string, now: Date): Promise<WebhookDeliveryRow | undefined> {
  const [row] = await deps.db.write((tx) =>
    tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs(deps.env.WEBHOOK_TIMEOUT_MS)) })
      .where(
        and(
          eq(webhookDeliveries.id, id),
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
        ),
      )
      .returning(),
  );
  return row;
}

/** Records one attempt; returns the endpoint's disabled reason when this attempt turned it off. */
async function record(
  deps: WebhookPassDeps,
  delivery: WebhookDeliveryRow,
  startedAt: Date,
  result: WebhookAttemptResult,
): Promise<string | null> {
  const ok = result.statusCode !== null && isDelivered(result.statusCode);
  const attempts = delivery.attempts + 1;
  const now = new Date();
  const exhausted = !ok && attempts >= deps.env.WEBHOOK_MAX_ATTEMPTS;
  return deps.db.write(async (tx) => {
    await tx.insert(webhookAttempts).values({
      id: Bun.randomUUIDv7(),
      deliveryId: delivery.id,
      startedAt,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      error: result.error,
      responseExcerpt: result.responseExcerpt,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        attempts,
        lastStatusCode: result.statusCode,
        status: ok ? "succeeded" : exhausted ? "failed" : "pending",
        completedAt: ok || exhausted ? now : null,
        nextAttemptAt:
          ok || exhausted
            ? now
            : new Date(
                now.getTime() +
                  webhookRetryDelayMs(attempts, {
                    baseMs: deps.env.WEBHOOK_RETRY_BASE_MS,
                    maxMs: deps.env.WEBHOOK_RETRY_MAX_MS,
                  }),
              ),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
    if (!endpoint) return null;
    if (ok) {
      if (endpoint.consecutiveFailures > 0) {
        await tx
          .update(webhookEndpoints)
          .set({ consecutiveFailures: 0, failingSince: null })
          .where(eq(webhookEndpoints.id, endpoint.id));
      }
      return null;
    }
    const streak = streakAfterFailure(endpoint, now);
    const sustained =
      endpoint.enabled &&
      isSustainedFailure(streak, now, {
        afterFailures: deps.env.WEBHOOK_DISABLE_AFTER_FAILURES,
        afterMs: deps.env.WEBHOOK_DISABLE_AFTER_MS,
      });
    const reason = sustained
      ? `${streak.consecutiveFailures} failed attempts in a row since ${streak.failingSince.toISOString()} (last: ${result.error ?? "no answer"})`
      : null;
    await tx
      .update(webhookEndpoints)
      .set({ ...streak, ...(reason ? { enabled: false, disabledReason: reason, updatedAt: now } : {}) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    return reason;
  });
}

/** Tells staff (the alert recipients, as for low stock) that an endpoint was turned off. */
async function mailStaff(deps: WebhookPassDeps, endpoint: WebhookEndpointRow, reason: string): Promise<void> {
  const email = renderEmail(
    webhookDisabledEmail,
    { url: endpoint.url, reason, endpointId: endpoint.id },
    deps.emailConfig,
  );
  const recipients = await deps.recipients.alertRecipients();
  if (recipients.length === 0) {
    deps.log.warn({ endpointId: endpoint.id }, "webhook endpoint disabled, but no admin or ADMIN_ALERT_EMAILS to tell");
    return;
  }
  const eventId = `webhook-disabled:${endpoint.id}:${Date.now()}`;
  await deps.db.write((tx) =>
    insertMessages(
      tx,
      eventId,
      recipients.map((to) => ({ to, email })),
    ),
  );
  deps.sender.kick();
}

async function attempt(deps: WebhookPassDeps, id: string, now: Date): Promise<void> {
  const delivery = await claim(deps, id, now);
  if (!delivery) return;
  const [endpoint] = await deps.db.orm
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, delivery.endpointId));
  if (!endpoint?.enabled) return;
  const startedAt = new Date();
  const result = await deps.sendWebhook({
    url: endpoint.url,
    body: delivery.payload,
    headers: {
      "webhook-id": delivery.id,
      "webhook-timestamp": String(Math.floor(startedAt.getTime() / 1000)),
      "webhook-signature": await signatures(deps, endpoint, delivery.id, startedAt, delivery.payload),
    },
  });
  const disabled = await record(deps, delivery, startedAt, result);
  if (disabled) {
    deps.log.warn({ endpointId: endpoint.id, reason: disabled }, "webhook endpoint disabled after sustained failure");
    await mailStaff(deps, endpoint, disabled).catch((err: unknown) =>
      deps.log.error({ err, endpointId: endpoint.id }, "could not email staff about a disabled webhook endpoint"),
    );
  }
}

/**
 * One pass: the due deliveries of enabled endpoints, oldest first, sent side by side. Returns the
 * earliest next attempt among pending deliveries, so the worker can wake for it.
 */
export async function deliverDueWebhooks(deps: WebhookPassDeps): Promise<Date | null> {
  const now = new Date();
  const due = await deps.db.orm
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, now),
        eq(webhookEndpoints.enabled, true),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(BATCH);
  await Promise.all(due.map((d) => attempt(deps, d.id, now)));
  const [next] = await deps.db.orm
    .select({ at: webhookDeliveries.nextAttemptAt })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.status, "pending"), eq(webhookEndpoints.enabled, true)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(1);
  return next?.at ?? null;
}
