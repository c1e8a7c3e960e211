/**
 * Live staff alerts (#22): what the admin's bell, list and live stream take and give. Pure (zod
 * and the event shapes), re-exported by contract.ts.
 */
import { ALERT_KINDS, alertKindSchema } from "@mercato/events/schemas";
import { z } from "zod";

export { ALERT_KINDS, alertKindSchema };

/** One page of the alert list at most. */
export const ALERTS_PAGE_MAX = 100;

export const alertListInput = z.object({
  limit: z.number().int().min(1).max(ALERTS_PAGE_MAX).default(50),
  /** The previous page's `nextCursor`. */
  cursor: z.string().min(1).max(64).optional(),
  /** Only alerts nobody acknowledged yet. */
  unreadOnly: z.boolean().optional(),
});
export type AlertListInput = z.input<typeof alertListInput>;

export const alertIdInput = z.object({ id: z.string().min(1).max(64) });

export const alertSchema = z.object({
  id: z.string(),
  kind: alertKindSchema,
  subject: z.string(),
  message: z.string(),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  /** The staff member who acknowledged it (email), when someone did. */
  acknowledgedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/** Newest first; `nextCursor` is null on the last page. */
export const alertPageSchema = z.object({
  items: z.array(alertSchema),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export type AlertPage = z.infer<typeof alertPageSchema>;

/** What the live stream sends: the unread count, and the alert that changed it (none on the first). */
export const alertFeedItemSchema = z.object({ unread: z.number().int(), alert: alertSchema.nullable() });
export type AlertFeedItem = z.infer<typeof alertFeedItemSchema>;

export const acknowledgedSchema = z.object({ acknowledged: z.number().int(), unread: z.number().int() });
