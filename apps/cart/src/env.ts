import { baseEnvSchema } from "@mercato/kit";
import { pricingEnvSchema } from "@mercato/pricing";
import { z } from "zod";

export const cartEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  CATALOG_URL: z.string().url().default("http://localhost:4002"),
  INVENTORY_URL: z.string().url().default("http://localhost:4003"),
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
