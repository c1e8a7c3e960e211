import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { z } from "zod";
import { MAX_REGION_CACHE_MS } from "./domain/region.ts";

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
  /** How long a region's rules from the catalog are reused (at most 5 s: an admin's edit shows within it). */
  CART_REGION_CACHE_MS: z.coerce.number().int().min(0).max(MAX_REGION_CACHE_MS).default(MAX_REGION_CACHE_MS),
});

export type CartEnv = z.infer<typeof cartEnvSchema>;
