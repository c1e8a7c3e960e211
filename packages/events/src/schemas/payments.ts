import { currencySchema, minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";
import { defineEvent } from "../envelope.ts";

const paymentRef = {
  paymentId: z.string(),
  orderId: z.string(),
  provider: z.enum(["stripe", "test"]),
  /**
   * Which of the order's payments: the checkout payment ("order", reference null) or an
   * exchange's price difference ("exchange", reference = the return id). Older events: the order's.
   */
  purpose: z.enum(["order", "exchange"]).default("order"),
  reference: z.string().nullable().default(null),
};

export const PaymentSucceeded = defineEvent(
  "payments.succeeded",
  1,
  z.object({ ...paymentRef, amount: minorUnitsSchema, currency: currencySchema }),
);
/**
 * A payment attempt started (the card is being charged or authenticated): inventory extends the
 * order's reservation, which is kept short until the shopper actually pays.
 */
export const PaymentAttemptStarted = defineEvent("payments.attempt.started", 1, z.object({ ...paymentRef }));
export const PaymentFailed = defineEvent(
  "payments.failed",
  1,
  z.object({ ...paymentRef, code: z.string(), reason: z.string() }),
);
export const PaymentRefunded = defineEvent(
  "payments.refunded",
  1,
  z.object({
    ...paymentRef,
    refundId: z.string(),
    amount: minorUnitsSchema,
    currency: currencySchema,
    refundedTotal: minorUnitsSchema,
    full: z.boolean(),
  }),
);

/**
 * A gift card was issued (#27), by a paid order's gift-card line or by staff: notifications emails
 * the recipient. The code is a credential, so the event never carries it: notifications claims it
 * from payments (`payments.giftCards.internal.claimDelivery`) with the card id.
 */
export const GiftCardIssued = defineEvent(
  "payments.gift_card.issued",
  1,
  z.object({
    cardId: z.string(),
    orderId: z.string().nullable(),
    amount: minorUnitsSchema,
    currency: currencySchema,
    recipientEmail: z.string(),
    recipientName: z.string(),
  }),
);
