import { z } from "zod";
import { defineEvent } from "../envelope.ts";

/**
 * The kinds of live staff alert (#22): a SKU at or below its low-stock threshold, a spike of
 * failed payments, an order placed but neither paid nor cancelled for too long, an event a
 * service's consumer gave up on (dead-lettered). The admin's alert list and bell read them here.
 */
export const ALERT_KINDS = ["low_stock", "payment_failure_spike", "stuck_order", "dead_lettered"] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof alertKindSchema>;

/** A staff alert was recorded by notifications (and pushed to the admin panel's live stream). */
export const AlertSent = defineEvent(
  "notifications.alert.sent",
  1,
  z.object({
    alertId: z.string(),
    kind: alertKindSchema,
    /** What the alert is about: a SKU, an order id, the dead letter's consumer and subject… */
    subject: z.string().max(300),
    message: z.string().max(1000),
    createdAt: z.string().datetime(),
  }),
);
