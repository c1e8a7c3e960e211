import { randomBytes } from "node:crypto";
import type { PaymentProvider } from "./types.ts";

/**
 * The embedded provider used when no Stripe key is configured: no network, Stripe-shaped ids.
 * Card outcomes are decided by `confirmTestPayment`, which reports them through the same
 * `applyProviderEvent` a verified Stripe webhook reaches.
 */
export class TestProvider implements PaymentProvider {
  readonly name = "test" as const;

  async createIntent() {
    const intentId = `pi_test_${token(12)}`;
    return { intentId, clientSecret: `${intentId}_secret_${token(16)}` };
  }

  async refund() {
    return { providerRefundId: `re_test_${token(12)}`, status: "succeeded" as const };
  }
}

function token(bytes: number): string {
  return randomBytes(bytes).toString("base64url").replace(/[-_]/g, "x");
}
