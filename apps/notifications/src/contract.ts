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
  // #21: a guest's link to their order, asked for on the order lookup page.
  "order-access-link",
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
  html: z.string(),
  text: z.string(),
  nextAttemptAt: z.date(),
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
