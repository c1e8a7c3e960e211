import type Stripe from "stripe";
import type { ProviderEvent } from "../provider/types.ts";

/** Translates the Stripe events we act on into provider facts; every other type is not ours (null). */
export function fromStripeEvent(event: Stripe.Event): ProviderEvent | null {
  switch (event.type) {
    case "payment_intent.processing":
      return { type: event.type, intentId: event.data.object.id };
    case "payment_intent.requires_action":
      return { type: event.type, intentId: event.data.object.id };
    case "payment_intent.succeeded": {
      const intent = event.data.object;
      return {
        type: event.type,
        intentId: intent.id,
        // What was actually received, never what was asked: applyProviderEvent checks it.
        amount: intent.amount_received,
        currency: intent.currency.toUpperCase(),
      };
    }
    case "payment_intent.payment_failed": {
      const intent = event.data.object;
      const error = intent.last_payment_error;
      return {
        type: event.type,
        intentId: intent.id,
        // The decline code is the most precise reason (insufficient_funds); the error code is the fallback.
        code: error?.decline_code ?? error?.code ?? "payment_failed",
        message: error?.message ?? "The payment failed.",
      };
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const intentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
      return intentId ? { type: event.type, intentId, amountRefunded: charge.amount_refunded } : null;
    }
    default:
      return null;
  }
}
