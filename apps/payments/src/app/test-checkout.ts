import { timingSafeEqual } from "node:crypto";
import { conflict, type DomainError, forbidden, invalid, notFound } from "@mercato/kit";
import type { AttemptAnswer, CompleteTestActionInput, ConfirmTestInput, PaymentStatus } from "../contract.ts";
import { type PaymentRow, paymentById } from "../db/queries.ts";
import type { PaymentsDeps } from "../deps.ts";
import { cardProblem, normalizeCardNumber } from "../domain/card-checks.ts";
import { canAttempt } from "../domain/payment-status.ts";
import { AUTHENTICATION_FAILED, testCardOutcome } from "../domain/test-cards.ts";
import type { ProviderEvent } from "../provider/types.ts";
import { applyProviderEvent } from "./apply-provider-event.ts";

/**
 * Pays with a test card, as Stripe test mode would for a card: the card's outcome is reported
 * through `applyProviderEvent`, exactly as Stripe's webhook is (a card's first webhook is its
 * outcome; the payment passes through processing on the way, counting the attempt). One write:
 * a confirmation racing another finds the payment no longer payable and is refused there.
 */
export async function confirmTestPayment(deps: PaymentsDeps, input: ConfirmTestInput): Promise<AttemptAnswer> {
  requireTestProvider(deps, "card");
  const card = typeof input.card === "string" ? { number: input.card } : input.card;
  // Refused before the attempt starts, as Stripe refuses bad details: nothing is written.
  const problem = cardProblem(card, new Date());
  if (problem) throw invalid(problem.field, `${problem.reason} (${problem.code})`);
  const digits = normalizeCardNumber(card.number);
  const payment = await heldPayment(deps, input.paymentId, input.clientSecret);
  if (!canAttempt(payment.status)) throw notPayable(payment.status);

  const outcome = testCardOutcome(digits);
  const intentId = payment.intentId;
  const event: ProviderEvent =
    outcome.kind === "succeeded"
      ? { type: "payment_intent.succeeded", intentId, amount: payment.amount, currency: payment.currency }
      : outcome.kind === "requires_action"
        ? { type: "payment_intent.requires_action", intentId }
        : { type: "payment_intent.payment_failed", intentId, code: outcome.code, message: outcome.message };
  // A new card over a pending authentication step abandons the step: a new attempt is always possible.
  return report(deps, event, { newAttempt: true });
}

/** Finishes (approve) or fails (decline) the extra authentication step a 3-D Secure card asked for. */
export async function completeTestAction(deps: PaymentsDeps, input: CompleteTestActionInput): Promise<AttemptAnswer> {
  requireTestProvider(deps, "paymentId");
  const payment = await heldPayment(deps, input.paymentId, input.clientSecret);
  if (payment.status !== "requires_action") {
    throw conflict("paymentId", `no authentication step is pending (the payment is ${payment.status})`);
  }
  const intentId = payment.intentId;
  return report(
    deps,
    input.approve
      ? { type: "payment_intent.succeeded", intentId, amount: payment.amount, currency: payment.currency }
      : { type: "payment_intent.payment_failed", intentId, ...AUTHENTICATION_FAILED },
  );
}

export async function report(
  deps: PaymentsDeps,
  event: ProviderEvent,
  options: { newAttempt?: boolean } = {},
): Promise<AttemptAnswer> {
  const result = await applyProviderEvent(deps, event, undefined, options);
  if (result.outcome !== "applied") {
    throw notPayable(result.outcome === "unknown_intent" ? "processing" : result.status);
  }
  if (event.type === "payment_intent.payment_failed") {
    return { status: result.status, declineCode: event.code, message: event.message };
  }
  return { status: result.status };
}

function requireTestProvider(deps: PaymentsDeps, field: string): void {
  if (deps.provider.name !== "test") {
    throw invalid(field, "test cards are not accepted; this shop takes payments through Stripe");
  }
}

/** The payment, if the caller holds its client secret (compared in constant time). */
export async function heldPayment(deps: PaymentsDeps, paymentId: string, clientSecret: string): Promise<PaymentRow> {
  const payment = await paymentById(deps.db, paymentId);
  if (!payment) throw notFound("paymentId", `no payment ${paymentId}`);
  const given = Buffer.from(clientSecret);
  const expected = Buffer.from(payment.clientSecret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw forbidden("clientSecret", "does not match this payment");
  }
  return payment;
}

export function notPayable(status: PaymentStatus): DomainError {
  const why =
    status === "processing"
      ? "a payment attempt is already in progress"
      : status === "requires_action"
        ? "the card's authentication step is pending"
        : `the payment is already ${status}`;
  return conflict("paymentId", why);
}
