import { z } from "zod";
import { deliveryDetail, deliveryPage, redeliver, sendTestEvent } from "../app/webhook-deliveries.ts";
import {
  createEndpoint,
  listEndpoints,
  removeEndpoint,
  rotateEndpointSecret,
  updateEndpoint,
} from "../app/webhook-endpoints.ts";
import {
  webhookDeliveryDetailSchema,
  webhookDeliveryIdInput,
  webhookDeliveryListInput,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointCreateInput,
  webhookEndpointIdInput,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointUpdateInput,
  webhookEndpointWithSecretSchema,
} from "../contract-webhooks.ts";
import { router, staffProcedure } from "../trpc.ts";

const manage = () => staffProcedure("webhooks.manage");

/** `notifications.webhooks.*` (#24): endpoints, their deliveries and log, redelivery, the test event. */
export const webhooksRouter = router({
  list: manage()
    .output(webhookEndpointListSchema)
    .query(({ ctx }) => {
      ctx.resHeaders.set("cache-control", "private, no-store");
      return listEndpoints(ctx.deps);
    }),

  /** Answers the secret once; it is never shown again (rotate for a new one). */
  create: manage()
    .input(webhookEndpointCreateInput)
    .output(webhookEndpointWithSecretSchema)
    .mutation(({ ctx, input }) => createEndpoint(ctx.deps, input)),

  update: manage()
    .input(webhookEndpointUpdateInput)
    .output(webhookEndpointSchema)
    .mutation(({ ctx, input }) => updateEndpoint(ctx.deps, input)),

  /** A new secret (answered once); the previous one still signs for WEBHOOK_SECRET_OVERLAP_SECONDS. */
  rotateSecret: manage()
    .input(webhookEndpointIdInput)
    .output(webhookEndpointWithSecretSchema)
    .mutation(({ ctx, input }) => rotateEndpointSecret(ctx.deps, input.id)),

  remove: manage()
    .input(webhookEndpointIdInput)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx, input }) => removeEndpoint(ctx.deps, input.id)),

  /** Queues a `webhook.test` delivery to the endpoint. */
  sendTest: manage()
    .input(webhookEndpointIdInput)
    .output(webhookDeliverySchema)
    .mutation(({ ctx, input }) => sendTestEvent(ctx.deps, input.id)),

  /** An endpoint's deliveries, newest first; `nextCursor` is null on the last page. */
  deliveries: manage()
    .input(webhookDeliveryListInput)
    .output(webhookDeliveryPageSchema)
    .query(({ ctx, input }) => {
      ctx.resHeaders.set("cache-control", "private, no-store");
      return deliveryPage(ctx.deps, input);
    }),

  /** One delivery with its body and attempt log. */
  delivery: manage()
    .input(webhookDeliveryIdInput)
    .output(webhookDeliveryDetailSchema)
    .query(({ ctx, input }) => {
      ctx.resHeaders.set("cache-control", "private, no-store");
      return deliveryDetail(ctx.deps, input.id);
    }),

  /** Sends a delivery again now: same webhook-id and body, a new round of attempts. */
  redeliver: manage()
    .input(webhookDeliveryIdInput)
    .output(webhookDeliverySchema)
    .mutation(({ ctx, input }) => redeliver(ctx.deps, input.id)),
});
