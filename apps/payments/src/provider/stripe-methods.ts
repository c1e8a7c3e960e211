import Stripe from "stripe";
import { call } from "./stripe.ts";

/**
 * Saved cards through the Stripe API (#20): one Customer per account, SetupIntents to save a
 * card, PaymentMethods to read and detach it, and a PaymentIntent paid with a saved method.
 */

/** The card facts the account shows, from a PaymentMethod object. */
export interface StripeCardFacts {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** A Customer for an account: its metadata carries our user id and nothing else of the person. */
export async function createCustomer(stripe: Stripe, userId: string): Promise<string> {
  const customer = await call(() =>
    stripe.customers.create({ metadata: { userId } }, { idempotencyKey: `mercato-customer-${userId}` }),
  );
  return customer.id;
}

/** A SetupIntent saving a card for later payments by the customer (on session, at checkout). */
export async function createSetupIntent(stripe: Stripe, customerId: string) {
  const intent = await call(() =>
    stripe.setupIntents.create({
      customer: customerId,
      usage: "on_session",
      automatic_payment_methods: { enabled: true },
    }),
  );
  if (!intent.client_secret) throw new Error(`Stripe returned setup intent ${intent.id} without a client secret`);
  return { setupIntentId: intent.id, clientSecret: intent.client_secret };
}

export async function retrieveSetupIntent(stripe: Stripe, setupIntentId: string): Promise<Stripe.SetupIntent | null> {
  try {
    return await stripe.setupIntents.retrieve(setupIntentId);
  } catch (err) {
    if (isMissing(err)) return null;
    return call(() => Promise.reject(err));
  }
}

/** The id of an expandable field (a string, or the expanded object). */
export function idOf(field: string | { id: string } | null | undefined): string | null {
  if (!field) return null;
  return typeof field === "string" ? field : field.id;
}

/** The card of a PaymentMethod (retrieved unless it came expanded); null when it is not a card. */
export async function cardOf(stripe: Stripe, method: string | Stripe.PaymentMethod): Promise<StripeCardFacts | null> {
  const pm = typeof method === "string" ? await call(() => stripe.paymentMethods.retrieve(method)) : method;
  if (!pm.card) return null;
  return {
    paymentMethodId: pm.id,
    brand: pm.card.brand,
    last4: pm.card.last4,
    expMonth: pm.card.exp_month,
    expYear: pm.card.exp_year,
  };
}

/** Detaches a method from its customer; one Stripe no longer has is already gone. */
export async function detachMethod(stripe: Stripe, paymentMethodId: string): Promise<void> {
  try {
    await stripe.paymentMethods.detach(paymentMethodId);
  } catch (err) {
    if (isMissing(err)) return;
    await call(() => Promise.reject(err));
  }
}

/** Deletes the Customer (an account deleted); one Stripe no longer has is already gone. */
export async function deleteCustomer(stripe: Stripe, customerId: string): Promise<void> {
  try {
    await stripe.customers.del(customerId);
  } catch (err) {
    if (isMissing(err)) return;
    await call(() => Promise.reject(err));
  }
}

export type SavedPayOutcome =
  | { status: "succeeded" | "processing" | "requires_action" }
  | { status: "failed"; declineCode: string; message: string };

/**
 * Pays the order's PaymentIntent with a saved method: the intent gets the customer and the
 * method, then is confirmed. The payment itself moves on through the webhook, as for Elements.
 * A decline is an answer (Stripe's card error), not a failure of the call.
 */
export async function payWithSavedMethod(
  stripe: Stripe,
  input: { intentId: string; customerId: string; paymentMethodId: string; returnUrl?: string },
): Promise<SavedPayOutcome> {
  await call(() =>
    stripe.paymentIntents.update(input.intentId, { customer: input.customerId, payment_method: input.paymentMethodId }),
  );
  try {
    const intent = await stripe.paymentIntents.confirm(input.intentId, {
      payment_method: input.paymentMethodId,
      ...(input.returnUrl ? { return_url: input.returnUrl } : {}),
    });
    const status = intent.status as string;
    if (status === "succeeded" || status === "processing" || status === "requires_action") return { status };
    const error = intent.last_payment_error;
    return {
      status: "failed",
      declineCode: error?.decline_code ?? error?.code ?? "payment_failed",
      message: error?.message ?? "The payment failed.",
    };
  } catch (err) {
    if (err instanceof Stripe.errors.StripeCardError) {
      return {
        status: "failed",
        declineCode: err.decline_code ?? err.code ?? "card_declined",
        message: err.message,
      };
    }
    return call(() => Promise.reject(err));
  }
}

function isMissing(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeInvalidRequestError && err.code === "resource_missing";
}
