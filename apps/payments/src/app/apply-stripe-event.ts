import type Stripe from "stripe";
import type { PaymentsDeps } from "../deps.ts";
import { fromStripeEvent } from "../provider/stripe-events.ts";
import { type ApplyResult, applyProviderEvent } from "./apply-provider-event.ts";

/**
 * A verified Stripe webhook event: the types we act on change the payment (each event id once);
 * any other type is acknowledged and left alone.
 */
export async function applyStripeEvent(
  deps: PaymentsDeps,
  event: Stripe.Event,
): Promise<ApplyResult["outcome"] | "not_handled"> {
  const fact = fromStripeEvent(event);
  if (!fact) return "not_handled";
  return (await applyProviderEvent(deps, fact, { id: event.id, type: event.type })).outcome;
}
