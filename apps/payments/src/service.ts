import { fileURLToPath } from "node:url";
import { defineService } from "@mercato/kit";
import { createStripeTaxProvider } from "@mercato/pricing/stripe-tax";
import * as schema from "./db/schema.ts";
import type { PaymentsDeps } from "./deps.ts";
import { type PaymentsEnv, paymentsEnvSchema } from "./env.ts";
import { userDeletedHandler } from "./events/identity.ts";
import { createStripeClient, StripeProvider } from "./provider/stripe.ts";
import { TestProvider } from "./provider/test.ts";
import { paymentsRouter } from "./router/index.ts";
import { stripeWebhookRoute } from "./webhooks/stripe.ts";

export const paymentsService = defineService<typeof schema, PaymentsEnv, PaymentsDeps>({
  name: "payments",
  envSchema: paymentsEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: paymentsRouter,
  extend: (base) => {
    // Configuration picks the provider; everything above it takes the same path either way.
    const stripe = base.env.STRIPE_SECRET_KEY ? createStripeClient(base.env.STRIPE_SECRET_KEY) : null;
    const provider = stripe ? new StripeProvider(stripe) : new TestProvider();
    // Stripe Tax uses the same key: where payments can take money through Stripe, it can ask Stripe for tax.
    const secretKey = base.env.STRIPE_SECRET_KEY;
    const stripeTax = secretKey ? createStripeTaxProvider({ secretKey }) : null;
    base.log.info({ provider: provider.name }, "payment provider selected");
    if (provider.name === "test" && base.env.NODE_ENV === "production") {
      base.log.warn("the test payment provider runs in production (ALLOW_TEST_PAYMENTS): no money is taken");
    }
    return { ...base, stripe, provider, stripeTax };
  },
  routes: (app, deps) => stripeWebhookRoute(app, deps),
  handlers: (deps) => [userDeletedHandler(deps)],
});
