import type Stripe from "stripe";
import type { PaymentsDeps } from "../deps.ts";
import { fromStripeEvent } from "../provider/stripe-events.ts";
import { type ApplyResult, applyProviderEvent } from "./apply-provider-event.ts";
import { applySetupSucceeded } from "./setup-intents.ts";

/**
 * A verified Stripe webhook event: the types we act on change the payment (each event id once);
 * any other type is acknowledged and left alone.
 */
export async function applyStripeEvent(
  deps: PaymentsDeps,
  event: Stripe.Event,
): Promise<ApplyResult["outcome"] | "not_handled" | "unknown_customer"> {
  // A card saved through a SetupIntent (#20): recorded for the customer's account.
  if (event.type === "setup_intent.succeeded" && deps.stripe) {
    return applySetupSucceeded(deps, deps.stripe, event.data.object, { id: event.id, type: event.type });
  }
  const fact = fromStripeEvent(event);
  if (!fact) return "not_handled";
  return (await applyProviderEvent(deps, fact, { id: event.id, type: event.type })).outcome;
}
