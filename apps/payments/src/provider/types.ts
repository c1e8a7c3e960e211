import type { Currency } from "@mercato/pricing";
import { TRPCError } from "@trpc/server";
import type { ProviderName } from "../contract.ts";

/**
 * The provider answered, but refused or answered something unusable: a 502 with its reason. The
 * kit's domain errors have no kind for an upstream's answer, so this one is a tRPC error itself.
 */
export class ProviderError extends TRPCError {
  constructor(message: string, cause?: unknown) {
    super({ code: "BAD_GATEWAY", message, cause });
  }
}

export interface CreatedIntent {
  intentId: string;
  clientSecret: string;
}

export interface ProviderRefund {
  providerRefundId: string;
  /** Card refunds usually succeed at once; some methods stay pending and settle later. */
  status: "succeeded" | "pending" | "failed";
}

/** What the service needs from a payment provider. Calls carry idempotency keys: retries are safe. */
export interface PaymentProvider {
  readonly name: ProviderName;
  createIntent(input: {
    orderId: string;
    amount: number;
    currency: Currency;
    email: string;
    idempotencyKey: string;
    /** A saved method will pay it (#20): the account's provider customer, and no redirects. */
    customerId?: string;
  }): Promise<CreatedIntent>;
  refund(input: {
    intentId: string;
    orderId: string;
    amount: number;
    reason: string;
    idempotencyKey: string;
  }): Promise<ProviderRefund>;
}

/**
 * A fact a provider reports about an intent. Verified Stripe webhooks and the embedded test
 * provider both produce these and hand them to the one `applyProviderEvent`.
 */
export type ProviderEvent =
  | { type: "payment_intent.processing"; intentId: string }
  | { type: "payment_intent.requires_action"; intentId: string }
  | { type: "payment_intent.succeeded"; intentId: string; amount: number; currency: string }
  | { type: "payment_intent.payment_failed"; intentId: string; code: string; message: string }
  /** `amountRefunded` is the charge's running total, whoever started the refunds. */
  | { type: "charge.refunded"; intentId: string; amountRefunded: number };
