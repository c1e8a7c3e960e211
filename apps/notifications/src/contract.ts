/**
 * The notifications service's contract: the mailbox's inputs and answers, and what a message can
 * be (its status, its kind). Pure (zod only), so the router validates with it and the web app's
 * mailbox screens type their filters with it.
 */
import type { ExportedMessage as AccountExportMessage } from "@mercato/identity/contract";
import { z } from "zod";

/** A message waits to be sent (again, after a transient failure), was sent, or failed for good. */
export const MESSAGE_STATUSES = ["pending", "sent", "failed"] as const;
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** Which way a message goes: all three share the outbox (messages), its retries and dead-letter. */
export const MESSAGE_CHANNELS = ["email", "sms", "push"] as const;
export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

/** What a message is: the template it was rendered from, one per kind of email the shop sends. */
export const MESSAGE_KINDS = [
  "welcome",
  "verify-email",
  "password-reset",
  "order-confirmation",
  "order-shipped",
  "order-delivered",
  "order-cancelled",
  "order-refunded",
  "payment-failed",
  "low-stock",
  // #19: one per fulfilment and return step.
  "shipment-shipped",
  "shipment-delivered",
  "return-requested",
  "return-approved",
  "return-rejected",
  "return-refunded",
  "exchange-shipped",
  "lines-cancelled",
  // #20: a staff invitation (accept link).
  "staff-invitation",
  // #22: support staff answered the shopper's chat while they were away.
  "support-reply",
  // #21: a guest's link to their order, asked for on the order lookup page.
  "order-access-link",
  // #24: a webhook endpoint was turned off after sustained failure (to staff).
  "webhook-disabled",
  // #27: a wished variant is back in stock or cheaper (marketing: only with consent).
  "wishlist-alert",
  // #27: a gift card for its recipient, with its code.
  "gift-card",
] as const;
export const messageKindSchema = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof messageKindSchema>;

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────
export const messageIdInput = z.object({ id: z.string().min(1).max(64) });
export type MessageIdInput = z.infer<typeof messageIdInput>;

export const mailboxListInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** The previous page's `nextCursor`. */
  cursor: z.string().min(1).max(64).optional(),
  to: z.string().min(1).max(254).optional(),
  status: messageStatusSchema.optional(),
  channel: messageChannelSchema.optional(),
});
export type MailboxListInput = z.infer<typeof mailboxListInput>;

/** `notifications.internal.messagesFor`: a user's messages, by account and by address (data export). */
export const messagesForInput = z.object({
  userId: z.string().min(1).max(128),
  email: z.string().email().max(254),
});
export type MessagesForInput = z.infer<typeof messagesForInput>;

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────
/** A message without its bodies, for lists. */
export const messageSummarySchema = z.object({
  id: z.string(),
  /** email, sms or push; `to` is then an address, an E.164 number or a push subscription id. */
  channel: messageChannelSchema,
  to: z.string(),
  template: messageKindSchema,
  subject: z.string(),
  /** The event that caused the message (or a fixed id for demo data). */
  eventId: z.string(),
  status: messageStatusSchema,
  attempts: z.number().int(),
  providerId: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

/** A message with its HTML and text bodies, and when the sender may next pick it up. */
export const messageSchema = messageSummarySchema.extend({
  /** Empty for SMS and push, which have a text body only. */
  html: z.string(),
  text: z.string(),
  nextAttemptAt: z.date(),
  /** Push: the page the notification opens. */
  url: z.string().nullable(),
});
export type Message = z.infer<typeof messageSchema>;

/** Newest first; `nextCursor` is null on the last page. */
export const mailboxPageSchema = z.object({ items: z.array(messageSummarySchema), nextCursor: z.string().nullable() });
export type MailboxPage = z.infer<typeof mailboxPageSchema>;

/** At most this many messages are exported per user (newest first). */
export const EXPORT_MESSAGES_MAX = 1000;

/**
 * One message as a data export gives it: what was sent to the user, one-time links redacted.
 * Identity cannot import this router's type (a package cycle): it parses the answer with its own
 * `exportedMessage`, which this schema must satisfy (checked here at compile time).
 */
export const exportedMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  template: messageKindSchema,
  subject: z.string(),
  status: messageStatusSchema,
  text: z.string(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
}) satisfies z.ZodType<AccountExportMessage>;
export type ExportedMessage = z.infer<typeof exportedMessageSchema>;

// ── Web push (#22) ──────────────────────────────────────────────────────────────────────────
/** Longest push service endpoint URL accepted (FCM's and Mozilla's are well under 1 KB). */
export const PUSH_ENDPOINT_MAX = 2048;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** How many bytes a base64url string decodes to (padding ignored), or -1 when it is not base64url. */
function base64urlBytes(value: string): number {
  if (!BASE64URL.test(value)) return -1;
  const bare = value.replace(/=+$/, "");
  if (bare.length % 4 === 1) return -1;
  return Math.floor((bare.length * 3) / 4);
}

/** A loopback address, where a developer's (or the test harness's) push endpoint may be plain http. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

/**
 * The browser's PushSubscription as `subscription.toJSON()` gives it: the push service's endpoint
 * (https; plain http only on a loopback host, which production refuses) and the keys the payload
 * is encrypted to (RFC 8291): p256dh, an uncompressed P-256 point (65 bytes), and auth, a 16-byte
 * secret, both base64url.
 */
export const pushSubscriptionSchema = z.object({
  endpoint: z
    .string()
    .max(PUSH_ENDPOINT_MAX)
    .url()
    .refine((u) => {
      // zod runs this check even when `.url()` failed: a string that is no URL is refused here
      // too, not thrown (a throw would be a 500).
      if (!URL.canParse(u)) return false;
      const url = new URL(u);
      return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
    }, "an https push service URL"),
  expirationTime: z.number().int().nonnegative().nullable().optional(),
  keys: z.object({
    p256dh: z
      .string()
      .max(100)
      .refine((k) => base64urlBytes(k) === 65, "the subscription's P-256 public key (65 bytes, base64url)"),
    auth: z
      .string()
      .max(32)
      .refine((k) => base64urlBytes(k) === 16, "the subscription's 16-byte auth secret (base64url)"),
  }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

/**
 * `notifications.push.subscribe` takes the PushSubscription JSON itself. It needs a signed-in
 * shopper (their JWT): the subscription then gets the push messages of that user's orders.
 */
export const pushSubscribeInput = pushSubscriptionSchema;
export const pushSubscribeResultSchema = z.object({ id: z.string() });
export type PushSubscribeResult = z.infer<typeof pushSubscribeResultSchema>;

/**
 * `notifications.push.unsubscribe` (public: a signed-out browser may still hold a subscription):
 * the endpoint and its auth secret together, which only the subscribed browser knows.
 */
export const pushUnsubscribeInput = z.object({
  endpoint: pushSubscriptionSchema.shape.endpoint,
  auth: pushSubscriptionSchema.shape.keys.shape.auth,
});
export type PushUnsubscribeInput = z.infer<typeof pushUnsubscribeInput>;
export const pushUnsubscribeResultSchema = z.object({ removed: z.boolean() });

/** `notifications.push.vapidPublicKey` (public): the applicationServerKey for pushManager.subscribe. */
export const vapidPublicKeySchema = z.object({
  /** The VAPID public key, an uncompressed P-256 point, base64url (no padding). */
  publicKey: z.string(),
});
export type VapidPublicKey = z.infer<typeof vapidPublicKeySchema>;

/** What a push message's payload (decrypted by the service worker) holds: JSON of this shape. */
export const pushPayloadSchema = z.object({
  title: z.string(),
  body: z.string(),
  /** The storefront page to open on click (absolute URL). */
  url: z.string().nullable(),
  /** The message id, also the notification's tag, so a redelivery replaces rather than stacks. */
  tag: z.string(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;
// Live staff alerts and the support chat (#22).
export * from "./contract-alerts.ts";
export * from "./contract-support.ts";
// Outbound webhooks for integrators (#24).
export * from "./contract-webhooks.ts";
