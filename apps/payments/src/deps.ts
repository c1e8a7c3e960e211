import type { BaseDeps } from "@mercato/kit";
import type { TaxProvider } from "@mercato/pricing";
import type Stripe from "stripe";
import type * as schema from "./db/schema.ts";
import type { PaymentsEnv } from "./env.ts";
import type { PaymentProvider } from "./provider/types.ts";

export type PaymentsDeps = BaseDeps<typeof schema, PaymentsEnv> & {
  provider: PaymentProvider;
  /** Set when Stripe is configured: verifies webhooks. */
  stripe: Stripe | null;
  /** Set when Stripe is configured: Stripe Tax, for regions whose taxProvider is stripe_tax. */
  stripeTax: TaxProvider | null;
};
