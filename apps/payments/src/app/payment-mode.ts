import type { PaymentMode } from "../contract.ts";
import type { PaymentsDeps } from "../deps.ts";

/** Public: whether this platform takes real payments, for the storefront's test-mode banner. */
export function paymentMode(deps: Pick<PaymentsDeps, "provider">): PaymentMode {
  return { provider: deps.provider.name, testMode: deps.provider.name === "test" };
}
