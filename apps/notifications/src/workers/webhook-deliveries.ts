import { deliverDueWebhooks, type WebhookPassDeps } from "../app/webhook-deliver.ts";
import type { KickableWorker } from "../deps.ts";
import { wakeLoop } from "../sender/wake-loop.ts";

/**
 * The webhook delivery worker (#24): a pass when kicked (a new delivery, a redelivery), every
 * WEBHOOK_POLL_MS, and at the next retry's time when that comes sooner. Deliveries are rows, so a
 * restarted process picks up where the last one stopped.
 */
export function createWebhookWorker(deps: WebhookPassDeps): KickableWorker {
  const log = deps.log.child({ component: "webhooks" });
  const loop = wakeLoop(
    async () => {
      const next = await deliverDueWebhooks(deps);
      if (next) {
        const wait = next.getTime() - Date.now();
        if (wait < deps.env.WEBHOOK_POLL_MS) loop.wakeIn(Math.max(0, wait));
      }
    },
    deps.env.WEBHOOK_POLL_MS,
    (err) => log.warn({ err: String(err) }, "webhook pass failed; the next pass retries"),
  );
  return { name: "webhook-deliveries", ...loop };
}
