import { unavailable } from "@mercato/kit";
import Stripe from "stripe";
import { type PaymentProvider, ProviderError, type ProviderRefund } from "./types.ts";

/** Stripe's own refund reasons; any other reason of ours travels in metadata only. */
const STRIPE_REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;
type StripeRefundReason = (typeof STRIPE_REFUND_REASONS)[number];

export function createStripeClient(secretKey: string): Stripe {
  // The SDK retries network failures itself, reusing our idempotency key, so a retry never charges twice.
  return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 15_000 });
}

/** PaymentIntents and Refunds through the Stripe API. */
export class StripeProvider implements PaymentProvider {
  readonly name = "stripe" as const;

  constructor(private readonly stripe: Stripe) {}

  async createIntent(input: Parameters<PaymentProvider["createIntent"]>[0]) {
    const intent = await call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          // A saved card is confirmed by the server, where no page could follow a redirect.
          automatic_payment_methods: input.customerId ? { enabled: true, allow_redirects: "never" } : { enabled: true },
          ...(input.customerId ? { customer: input.customerId } : {}),
          receipt_email: input.email,
          metadata: { orderId: input.orderId },
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    if (!intent.client_secret) {
      throw new ProviderError("provider: Stripe returned an intent without a client secret");
    }
    return { intentId: intent.id, clientSecret: intent.client_secret };
  }

  async refund(input: Parameters<PaymentProvider["refund"]>[0]): Promise<ProviderRefund> {
    const reason = STRIPE_REFUND_REASONS.find((r): r is StripeRefundReason => r === input.reason);
    const refund = await call(() =>
      this.stripe.refunds.create(
        {
          payment_intent: input.intentId,
          amount: input.amount,
          ...(reason ? { reason } : {}),
          metadata: { orderId: input.orderId, reason: input.reason.slice(0, 500) },
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    const status = refund.status === "succeeded" || refund.status === "pending" ? refund.status : "failed";
    return { providerRefundId: refund.id, status };
  }
}

/**
 * Turns Stripe's failures into answers for our caller: Stripe being away is a 503 worth retrying
 * (our idempotency keys make the retry safe); Stripe refusing is a 502 with its reason.
 */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeError)) throw err;
    if (
      err instanceof Stripe.errors.StripeConnectionError ||
      err instanceof Stripe.errors.StripeAPIError ||
      err instanceof Stripe.errors.StripeRateLimitError
    ) {
      throw unavailable("provider", "Stripe is unavailable; try again");
    }
    throw new ProviderError(`provider: Stripe refused the request: ${err.message}`, err);
  }
}
