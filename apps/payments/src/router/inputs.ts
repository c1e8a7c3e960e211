import { currencySchema } from "@mercato/pricing";
import { z } from "zod";
import { PAYMENT_STATUSES } from "../domain/payment-status.ts";

const id = z.string().trim().min(1).max(200);
const positiveMinorUnits = z.number().int().safe().positive();

export const createIntentInput = z.object({
  orderId: id,
  userId: id.nullable(),
  email: z.string().email(),
  amount: positiveMinorUnits,
  currency: currencySchema,
});

export const refundInput = z.object({
  orderId: id,
  /** Omitted: refund everything not yet refunded. */
  amount: positiveMinorUnits.optional(),
  reason: z.string().trim().min(1).max(500),
  idempotencyKey: z.string().trim().min(1).max(200),
});

export const confirmTestInput = z.object({
  paymentId: id,
  clientSecret: z.string().min(1).max(500),
  card: z.string().min(1).max(40),
});

export const completeTestActionInput = z.object({
  paymentId: id,
  clientSecret: z.string().min(1).max(500),
  approve: z.boolean(),
});

export const byOrderInput = z.object({ orderId: id });

export const listInput = z.object({
  status: z.enum(PAYMENT_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().optional(),
});

export type CreateIntentInput = z.input<typeof createIntentInput>;
export type RefundInput = z.input<typeof refundInput>;
export type ConfirmTestInput = z.input<typeof confirmTestInput>;
export type CompleteTestActionInput = z.input<typeof completeTestActionInput>;
export type ListPaymentsInput = z.input<typeof listInput>;
