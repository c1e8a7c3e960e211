import type { ServiceDefinition } from "@mercato/kit";
import type Stripe from "stripe";
import { applyStripeEvent } from "../app/apply-stripe-event.ts";
import type * as schema from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import type { PaymentsEnv } from "../env.ts";

/** The kit's Hono app, named through the kit so this package needs no direct Hono dependency. */
type App = Parameters<NonNullable<ServiceDefinition<typeof schema, PaymentsEnv, PaymentsDeps>["routes"]>>[0];

/**
 * Stripe's webhook. It alone can complete a payment (the shopper's browser may never come back).
 * The raw body is verified against STRIPE_WEBHOOK_SECRET before anything is read from it; each
 * event id is applied once; a 5xx (database trouble) makes Stripe deliver again later.
 */
export function stripeWebhookRoute(app: App, deps: PaymentsDeps): void {
  app.post("/webhooks/stripe", async (c) => {
    const secret = deps.env.STRIPE_WEBHOOK_SECRET;
    if (!deps.stripe || !secret) {
      return c.json({ error: { message: "Stripe is not configured: this shop uses the test provider" } }, 404);
    }
    const signature = c.req.header("stripe-signature");
    if (!signature) return c.json({ error: { message: "stripe-signature: header is missing" } }, 400);

    const body = await c.req.text();
    let event: Stripe.Event;
    try {
      event = await deps.stripe.webhooks.constructEventAsync(body, signature, secret);
    } catch (err) {
      deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, "stripe webhook refused: bad signature");
      return c.json({ error: { message: "stripe-signature: the signature does not verify" } }, 400);
    }

    return c.json({ received: true, outcome: await applyStripeEvent(deps, event) });
  });
}
