import { type AuthUser, conflict, invalid, notFound } from "@mercato/kit";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { RecordSetupInput, SavedMethodView, SetupAnswer } from "../contract.ts";
import { webhookEvents } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { cardOf, createSetupIntent, idOf, retrieveSetupIntent } from "../provider/stripe-methods.ts";
import { customerByProviderId, customerOf, ensureCustomer } from "./customers.ts";
import { recordMethod } from "./saved-methods.ts";

/**
 * Saving a card with Stripe (#20): a SetupIntent for the account's customer (its client secret
 * goes to Stripe Elements in the account page), then the card is recorded when the SetupIntent
 * succeeded: by the verified `setup_intent.succeeded` webhook, or at once when the browser says
 * it is done (`recordSetup` reads the SetupIntent from Stripe; it never trusts the browser's word).
 */
function stripeOf(deps: PaymentsDeps, field: string): Stripe {
  if (!deps.stripe) throw invalid(field, "this shop saves test cards (payments.methods.setupTest), not through Stripe");
  return deps.stripe;
}

export async function startSetup(deps: PaymentsDeps, user: AuthUser): Promise<SetupAnswer> {
  const stripe = stripeOf(deps, "provider");
  const customer = await ensureCustomer(deps, user.id);
  return createSetupIntent(stripe, customer.customerId);
}

export async function recordSetup(
  deps: PaymentsDeps,
  user: AuthUser,
  input: RecordSetupInput,
): Promise<SavedMethodView> {
  const stripe = stripeOf(deps, "setupIntentId");
  const customer = await customerOf(deps, user.id);
  const intent = await retrieveSetupIntent(stripe, input.setupIntentId);
  // Another account's SetupIntent (or none) is indistinguishable from a missing one.
  if (!intent || !customer || idOf(intent.customer) !== customer.customerId) {
    throw notFound("setupIntentId", `no setup ${input.setupIntentId} for this account`);
  }
  if (intent.status !== "succeeded") throw conflict("setupIntentId", `the card is not saved yet (${intent.status})`);
  const saved = await recordSucceededSetup(deps, stripe, intent);
  if (!saved) throw conflict("setupIntentId", "the setup saved no card");
  return saved;
}

/**
 * A verified `setup_intent.succeeded` webhook: records the card for the customer's account
 * (each event id once). A customer we do not know (another shop on the same Stripe account, or
 * an account deleted since) is acknowledged and left alone.
 */
export async function applySetupSucceeded(
  deps: PaymentsDeps,
  stripe: Stripe,
  intent: Stripe.SetupIntent,
  webhook: { id: string; type: string },
): Promise<"applied" | "duplicate" | "unknown_customer"> {
  const [seen] = await deps.db.orm.select().from(webhookEvents).where(eq(webhookEvents.id, webhook.id));
  if (seen) return "duplicate";
  // Recorded before the event id, so a failure here (Stripe away) lets Stripe's redelivery try again.
  const saved = await recordSucceededSetup(deps, stripe, intent);
  await deps.db.write((tx) =>
    tx
      .insert(webhookEvents)
      .values({ id: webhook.id, type: webhook.type, intentId: intent.id, receivedAt: new Date() })
      .onConflictDoNothing(),
  );
  return saved ? "applied" : "unknown_customer";
}

async function recordSucceededSetup(
  deps: PaymentsDeps,
  stripe: Stripe,
  intent: Stripe.SetupIntent,
): Promise<SavedMethodView | null> {
  const customerId = idOf(intent.customer);
  const customer = customerId ? await customerByProviderId(deps, customerId) : undefined;
  if (!customer || !intent.payment_method) {
    deps.log.info({ setupIntentId: intent.id, customerId }, "setup for no known account; ignored");
    return null;
  }
  const card = await cardOf(stripe, intent.payment_method);
  if (!card) return null;
  const row = await recordMethod(deps, {
    userId: customer.userId,
    providerMethodId: card.paymentMethodId,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.expMonth,
    expYear: card.expYear,
  });
  return {
    id: row.id,
    provider: row.provider,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.expMonth,
    expYear: row.expYear,
    createdAt: row.createdAt,
  };
}
