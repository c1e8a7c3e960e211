import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { pricingEnvSchema } from "@mercato/pricing";
import { z } from "zod";

export const ordersEnvSchema = baseEnvSchema.extend({
  ...pricingEnvSchema.shape,
  PORT: ownPortSchema("orders"),
  ...serviceUrlsSchema("catalog", "cart", "payments"),
  /** How long checkout waits for the stock reservation before answering PENDING. */
  CHECKOUT_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(2_000),
  /** Keys the guest access tokens; falls back to SERVICE_SECRET. Changing it invalidates guest links. */
  ORDER_ACCESS_SECRET: z.string().min(32, "at least 32 characters").optional(),
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type OrdersEnv = z.infer<typeof ordersEnvSchema>;
