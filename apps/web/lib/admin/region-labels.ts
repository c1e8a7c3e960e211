import type { PaymentProvider, TaxClass, TaxProviderName } from "@mercato/pricing";

/** What an admin reads for pricing's values (the values themselves come from @mercato/pricing). */
export const TAX_CLASS_LABELS: Record<TaxClass, string> = {
  standard: "Standard rate",
  reduced: "Reduced rate",
  zero: "Zero rate",
};

export const PAYMENT_PROVIDER_LABELS: Record<PaymentProvider, string> = {
  stripe: "Stripe (cards)",
  test: "Test payments (no real money)",
};

export const TAX_PROVIDER_LABELS: Record<TaxProviderName, string> = {
  rates: "Built-in rate table",
  stripe_tax: "Stripe Tax",
};
