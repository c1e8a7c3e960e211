import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { pricingEnvSchema } from "@mercato/pricing";
import { z } from "zod";

export const cartEnvSchema = baseEnvSchema.extend({
  PORT: ownPortSchema("cart"),
  ...serviceUrlsSchema("catalog", "inventory"),
  /** Guest carts nobody touched for this many days are deleted. */
  CART_GUEST_TTL_DAYS: z.coerce.number().int().positive().default(30),
  /** How often the guest-cart sweeper runs. */
  CART_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(3_600_000),
  /** Seeds the demo discount codes at start-up (idempotent). */
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  ...pricingEnvSchema.shape,
});

export type CartEnv = z.infer<typeof cartEnvSchema>;
