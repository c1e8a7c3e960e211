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

/** A shopper may (re)try paying only while nothing is in flight and nothing has been paid. */
export function canAttempt(status: PaymentStatus): boolean {
  return canTransition(status, "processing") && status !== "requires_action";
}

/** A payment can be refunded only once money has been captured and some of it is left. */
export function isRefundable(status: PaymentStatus): boolean {
  return status === "succeeded" || status === "partially_refunded";
}
