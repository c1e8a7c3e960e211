import type { PaymentStatus } from "../contract.ts";

/**
 * The payment state machine: where each status may go (the statuses and what they mean are in the
 * contract).
 */
const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  requires_payment: ["processing"],
  processing: ["requires_action", "succeeded", "failed"],
  requires_action: ["processing", "succeeded", "failed"],
  failed: ["processing"],
  succeeded: ["partially_refunded", "refunded"],
  partially_refunded: ["partially_refunded", "refunded"],
  refunded: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** What a provider can tell us about an attempt to pay. */
export type AttemptOutcome = "processing" | "requires_action" | "succeeded" | "failed";

/**
 * The statuses a payment passes through to reach a provider's outcome, or null when the outcome
 * does not apply (a late or repeated notice). With Stripe the browser confirms directly with
 * Stripe, so the webhook may be the first we hear of an attempt: it then passes through
 * processing on its way, keeping every step of the machine explicit.
 */
export function pathTo(from: PaymentStatus, outcome: AttemptOutcome): PaymentStatus[] | null {
  if (canTransition(from, outcome)) return [outcome];
  if (outcome !== "processing" && canTransition(from, "processing") && canTransition("processing", outcome)) {
    return ["processing", outcome];
  }
  return null;
}

/**
 * A shopper may (re)try paying while nothing is in flight and nothing has been paid. A pending
 * authentication step (requires_action) never blocks a new attempt: the shopper may have closed
 * the bank's page or reloaded, so a new card (or the same one again) abandons the step, as a
 * Stripe PaymentIntent in requires_action can be confirmed again with another payment method.
 */
export function canAttempt(status: PaymentStatus): boolean {
  return canTransition(status, "processing");
}

/**
 * Whether an attempt that a shopper starts from `status` counts as a new attempt. Resuming a
 * pending step through the provider (the step's own outcome) is not; a fresh card is, even over a
 * pending step (which it abandons).
 */
export function isNewAttempt(status: PaymentStatus, startedByShopper: boolean): boolean {
  return canTransition(status, "processing") && (startedByShopper || status !== "requires_action");
}

/** Whether an authentication step is pending, so the pay page shows it again (resume or abandon). */
export function hasPendingStep(status: PaymentStatus): boolean {
  return status === "requires_action";
}

/** A payment can be refunded only once money has been captured and some of it is left. */
export function isRefundable(status: PaymentStatus): boolean {
  return status === "succeeded" || status === "partially_refunded";
}
