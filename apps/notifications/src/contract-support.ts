/**
 * The support chat (#22): what the shopper's panel and the staff inbox take and give. Pure (zod),
 * re-exported by contract.ts. Messages are plain text: the web renders them as text, never HTML.
 */
import { z } from "zod";

/** The longest message, in characters (after trimming). */
export const SUPPORT_MESSAGE_MAX = 2000;

export const SUPPORT_AUTHORS = ["shopper", "staff"] as const;
export type SupportAuthor = (typeof SUPPORT_AUTHORS)[number];

/** A message's body: trimmed, 1 to SUPPORT_MESSAGE_MAX characters. */
export const supportBodySchema = z.string().trim().min(1, "write a message").max(SUPPORT_MESSAGE_MAX);

const id = z.string().min(1).max(64);

/** Opens (or finds) the shopper's conversation about an order, or about their account (no orderId). */
export const supportOpenInput = z.object({ orderId: id.optional() });
export const supportConversationInput = z.object({ conversationId: id });
export const supportSendInput = z.object({ conversationId: id, body: supportBodySchema });

export const supportInboxInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  /** The previous page's `nextCursor`. */
  cursor: z.string().min(1).max(200).optional(),
});
export type SupportInboxInput = z.input<typeof supportInboxInput>;

export const supportMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  author: z.enum(SUPPORT_AUTHORS),
  body: z.string(),
  createdAt: z.date(),
});
export type SupportMessage = z.infer<typeof supportMessageSchema>;

export const supportConversationSchema = z.object({
  id: z.string(),
  orderId: z.string().nullable(),
  createdAt: z.date(),
  lastMessageAt: z.date(),
  lastAuthor: z.enum(SUPPORT_AUTHORS),
  messages: z.array(supportMessageSchema),
});
export type SupportConversation = z.infer<typeof supportConversationSchema>;

/** One conversation in the staff inbox: who, about what, and who spoke last. */
export const supportInboxItemSchema = z.object({
  id: z.string(),
  orderId: z.string().nullable(),
  email: z.string(),
  lastMessageAt: z.date(),
  lastAuthor: z.enum(SUPPORT_AUTHORS),
  preview: z.string(),
});
export type SupportInboxItem = z.infer<typeof supportInboxItemSchema>;

export const supportInboxPageSchema = z.object({
  items: z.array(supportInboxItemSchema),
  nextCursor: z.string().nullable(),
});
