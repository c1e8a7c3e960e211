import type { AttemptAnswer, PaymentRefInput, PaymentState } from "../contract.ts";
import type { PaymentsDeps } from "../deps.ts";
import { canAttempt, hasPendingStep } from "../domain/payment-status.ts";
import { AUTHENTICATION_ABANDONED } from "../domain/test-cards.ts";
import { heldPayment, report } from "./test-checkout.ts";

/**
 * Where the holder's payment stands, so the pay page can show a pending authentication step again
 * after a reload (resume or abandon it) instead of a form that cannot succeed. A mutation, not a
 * query: the client secret is a credential and must not travel in a URL.
 */
export async function paymentState(deps: PaymentsDeps, input: PaymentRefInput): Promise<PaymentState> {
  const payment = await heldPayment(deps, input.paymentId, input.clientSecret);
  return {
    status: payment.status,
    provider: payment.provider,
    pendingStep: hasPendingStep(payment.status),
    canAttempt: canAttempt(payment.status),
    lastError:
      payment.status === "failed" && payment.failureCode
        ? { code: payment.failureCode, message: payment.failureMessage ?? "" }
        : null,
  };
}

/**
 * The shopper gives up a pending authentication step ("use another card"): the attempt is
 * recorded as failed (`payment_intent_authentication_failure`, as Stripe names an abandoned
 * step) through the same path as a provider's decline, so orders keeps the order awaiting payment
 * and the next card is an ordinary retry. Idempotent: with no step pending it changes nothing and
 * answers the payment's status. With Stripe the PaymentIntent itself stays `requires_action`
 * until the next confirm with a new payment method, which Stripe allows; its webhooks then move
 * the payment from failed as from any retry.
 */
export async function abandonStep(deps: PaymentsDeps, input: PaymentRefInput): Promise<AttemptAnswer> {
  const payment = await heldPayment(deps, input.paymentId, input.clientSecret);
  if (!hasPendingStep(payment.status)) return { status: payment.status };
  try {
    return await report(deps, {
      type: "payment_intent.payment_failed",
      intentId: payment.intentId,
      ...AUTHENTICATION_ABANDONED,
    });
  } catch (err) {
    // A racing completion or abandon got there first: answer where the payment is now.
    const now = await heldPayment(deps, input.paymentId, input.clientSecret);
    if (now.status !== payment.status) return { status: now.status };
    throw err;
  }
}
