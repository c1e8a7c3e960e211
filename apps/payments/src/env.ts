import { baseEnvSchema, ownPortSchema } from "@mercato/kit";
import { z } from "zod";
import { PAYMENT_PROVIDERS } from "./contract.ts";

/**
 * With STRIPE_SECRET_KEY set, payments go through Stripe and the webhook must be verifiable;
 * without it, the embedded test provider (Stripe's test cards, no network) is used — in
 * development and tests by default, in production only when chosen explicitly
 * (PAYMENTS_PROVIDER=test and ALLOW_TEST_PAYMENTS=true), and then the storefront says so.
 */
export const paymentsEnvSchema = baseEnvSchema
  .extend({
    PORT: ownPortSchema("payments"),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, "a Stripe secret key (sk_test_… or sk_live_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "a Stripe webhook signing secret (whsec_…)")
      .optional(),
    /** Which provider takes payments; by default Stripe with a key, the test provider without. */
    PAYMENTS_PROVIDER: z.enum(PAYMENT_PROVIDERS).optional(),
    /** The second half of choosing the test provider in production: no money is ever taken. */
    ALLOW_TEST_PAYMENTS: z.stringbool().default(false),
  })
  .superRefine((env, ctx) => {
    const provider = env.PAYMENTS_PROVIDER ?? (env.STRIPE_SECRET_KEY ? "stripe" : "test");
    if (provider === "stripe" && !env.STRIPE_SECRET_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_SECRET_KEY"],
        message: "a Stripe secret key (sk_live_… or sk_test_…), which PAYMENTS_PROVIDER=stripe needs",
      });
    }
    if (provider === "test" && env.STRIPE_SECRET_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["PAYMENTS_PROVIDER"],
        message: "stripe, since STRIPE_SECRET_KEY is set (unset the key to use the test provider)",
      });
    }
    if (
      provider === "test" &&
      !env.STRIPE_SECRET_KEY &&
      env.NODE_ENV === "production" &&
      !(env.PAYMENTS_PROVIDER === "test" && env.ALLOW_TEST_PAYMENTS)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_SECRET_KEY"],
        message:
          "a Stripe secret key (sk_live_…) in production, or choose the test provider explicitly with PAYMENTS_PROVIDER=test and ALLOW_TEST_PAYMENTS=true",
      });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "the webhook signing secret (whsec_…), which is required when STRIPE_SECRET_KEY is set",
      });
    }
  });

export type PaymentsEnv = z.infer<typeof paymentsEnvSchema>;
