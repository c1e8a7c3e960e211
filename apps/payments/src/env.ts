import { baseEnvSchema, ownPortSchema } from "@mercato/kit";
import { z } from "zod";

/**
 * With STRIPE_SECRET_KEY set, payments go through Stripe and the webhook must be verifiable;
 * without it, the embedded test provider (Stripe's test cards, no network) is used.
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
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "the webhook signing secret (whsec_…), which is required when STRIPE_SECRET_KEY is set",
      });
    }
  });

export type PaymentsEnv = z.infer<typeof paymentsEnvSchema>;
