/**
 * Outbound webhooks for integrators (#24): the event types an endpoint may subscribe to, their
 * versioned payloads (what a receiver gets in the body), and the staff API's inputs and answers.
 * Pure (zod and the shared event shapes), re-exported by contract.ts; docs/WEBHOOKS.md documents
 * every type.
 */
import { addressSchema, orderLineSchema, skuSchema, totalsSchema } from "@mercato/events/schemas";
import { currencySchema, minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";

// ── Event types and payloads ────────────────────────────────────────────────────────────────
/** What an integrator may subscribe to; `webhook.test` is only sent by the "send test event" button. */
export const WEBHOOK_EVENT_TYPES = [
  "order.placed",
  "order.paid",
  "order.fulfilled",
  "order.cancelled",
  "order.refunded",
  "product.created",
  "product.updated",
  "product.archived",
  "stock.low",
  "customer.created",
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** Every type a delivery may carry: the subscribable ones and the test event. */
export const WEBHOOK_MESSAGE_TYPES = [...WEBHOOK_EVENT_TYPES, "webhook.test"] as const;
export const webhookMessageTypeSchema = z.enum(WEBHOOK_MESSAGE_TYPES);
export type WebhookMessageType = z.infer<typeof webhookMessageTypeSchema>;

/** What the payload version is per type; a breaking change makes a new version (and a new docs section). */
export const WEBHOOK_PAYLOAD_VERSION = 1;

const orderRef = { orderId: z.string(), number: z.string(), email: z.string().email() };

const orderSnapshot = z.object({
  ...orderRef,
  customerId: z.string().nullable(),
  lines: z.array(orderLineSchema),
  totals: totalsSchema,
  discountCode: z.string().nullable(),
  shippingAddress: addressSchema,
  regionId: z.string().nullable(),
});

const productSnapshot = z.object({
  productId: z.string(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(["draft", "active", "archived"]),
  categoryIds: z.array(z.string()),
  brand: z.string().nullable(),
  variants: z.array(z.object({ sku: skuSchema, price: minorUnitsSchema, currency: currencySchema })),
});

/** The `data` of each type, version 1. */
export const webhookPayloadSchemas = {
  "order.placed": orderSnapshot,
  "order.paid": orderSnapshot,
  "order.fulfilled": z.object({
    ...orderRef,
    /** The parcel whose shipping completed the order. */
    shipmentId: z.string(),
    carrier: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string().nullable(),
  }),
  "order.cancelled": z.object({ ...orderRef, reason: z.string(), wasPaid: z.boolean() }),
  "order.refunded": z.object({
    ...orderRef,
    amount: minorUnitsSchema,
    currency: z.string(),
    full: z.boolean(),
    returnId: z.string().nullable(),
  }),
  "product.created": productSnapshot,
  "product.updated": productSnapshot,
  "product.archived": productSnapshot,
  "stock.low": z.object({ sku: skuSchema, available: z.number().int(), threshold: z.number().int() }),
  "customer.created": z.object({ customerId: z.string(), email: z.string().email(), name: z.string() }),
  "webhook.test": z.object({ endpointId: z.string(), message: z.string() }),
} as const satisfies Record<WebhookMessageType, z.ZodType>;

export type WebhookPayloadData<T extends WebhookMessageType> = z.infer<(typeof webhookPayloadSchemas)[T]>;

/**
 * The body of every webhook (Standard Webhooks' recommended shape): the type, its version, when
 * the fact happened (UTC ISO) and the data. Built once per delivery, so every retry sends the
 * same bytes under the same `webhook-id`.
 */
export const webhookBodySchema = z.object({
  type: webhookMessageTypeSchema,
  version: z.number().int().min(1),
  timestamp: z.string().datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookBody = z.infer<typeof webhookBodySchema>;

// ── Endpoints ───────────────────────────────────────────────────────────────────────────────
export const WEBHOOK_URL_MAX = 2048;
export const WEBHOOK_DESCRIPTION_MAX = 500;

/** http(s) only, no user:password in it (they would be logged and shown); the SSRF check is the service's. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "a URL")
  .max(WEBHOOK_URL_MAX)
  .refine((v) => URL.canParse(v), "an absolute http(s) URL")
  .refine((v) => {
    if (!URL.canParse(v)) return true;
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:";
  }, "an http: or https: URL")
  .refine((v) => {
    if (!URL.canParse(v)) return true;
    const u = new URL(v);
    return !u.username && !u.password;
  }, "a URL without a user name or password in it");

const eventTypesSchema = z
  .array(webhookEventTypeSchema)
  .min(1, "at least one event type")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((types) => WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t)));

export const webhookEndpointIdInput = z.object({ id: z.string().min(1).max(64) });

export const webhookEndpointCreateInput = z.object({
  url: webhookUrlSchema,
  eventTypes: eventTypesSchema,
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX).default(""),
  enabled: z.boolean().default(true),
});
export type WebhookEndpointCreateInput = z.input<typeof webhookEndpointCreateInput>;

export const webhookEndpointUpdateInput = z.object({
  id: z.string().min(1).max(64),
  url: webhookUrlSchema.optional(),
  eventTypes: eventTypesSchema.optional(),
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX).optional(),
  /** Enabling a disabled endpoint clears its failure streak; its waiting deliveries go out again. */
  enabled: z.boolean().optional(),
});
export type WebhookEndpointUpdateInput = z.input<typeof webhookEndpointUpdateInput>;

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(webhookEventTypeSchema),
  enabled: z.boolean(),
  /** Why the service turned it off (sustained failure), when it did. */
  disabledReason: z.string().nullable(),
  /** Failed attempts in a row since the last success. */
  consecutiveFailures: z.number().int(),
  /** Until when the secret before the last rotation still signs (null: no overlap). */
  previousSecretExpiresAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** Create and rotate are the only answers that carry the secret; it is never shown again. */
export const webhookEndpointWithSecretSchema = z.object({
  endpoint: webhookEndpointSchema,
  /** `whsec_` + base64 of 32 random bytes, as Standard Webhooks libraries take it. */
  secret: z.string(),
});
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecretSchema>;

export const webhookEndpointListSchema = z.object({ items: z.array(webhookEndpointSchema) });

// ── Deliveries ──────────────────────────────────────────────────────────────────────────────
/** pending: waiting for its (next) attempt; succeeded: a 2xx; failed: every attempt used up. */
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export const webhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

export const WEBHOOK_DELIVERIES_PAGE_MAX = 100;

export const webhookDeliveryListInput = z.object({
  endpointId: z.string().min(1).max(64),
  limit: z.number().int().min(1).max(WEBHOOK_DELIVERIES_PAGE_MAX).default(50),
  cursor: z.string().min(1).max(200).optional(),
  status: webhookDeliveryStatusSchema.optional(),
});
export type WebhookDeliveryListInput = z.input<typeof webhookDeliveryListInput>;

export const webhookDeliveryIdInput = z.object({ id: z.string().min(1).max(64) });

/** How much of a receiver's answer the log keeps. */
export const WEBHOOK_RESPONSE_EXCERPT_MAX = 1024;

export const webhookAttemptSchema = z.object({
  id: z.string(),
  startedAt: z.date(),
  durationMs: z.number().int(),
  /** The receiver's status; null when there was no answer (timeout, refused address, network). */
  statusCode: z.number().int().nullable(),
  /** What went wrong, in our words (timeout, refused address, redirect, non-2xx). */
  error: z.string().nullable(),
  /** The start of the receiver's body, truncated to WEBHOOK_RESPONSE_EXCERPT_MAX characters. */
  responseExcerpt: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z.object({
  /** Also the `webhook-id` header: the same on every retry and redelivery, for receivers to deduplicate. */
  id: z.string(),
  endpointId: z.string(),
  type: webhookMessageTypeSchema,
  status: webhookDeliveryStatusSchema,
  /** Attempts in the current round (a redelivery starts a new round). */
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryPageSchema = z.object({
  items: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});

export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  /** The exact body sent (JSON text). */
  payload: z.string(),
  /** Every attempt, newest first. */
  log: z.array(webhookAttemptSchema),
});
export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetailSchema>;
