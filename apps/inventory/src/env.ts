import { baseEnvSchema, ownPortSchema } from "@mercato/kit";
import { z } from "zod";

export const inventoryEnvSchema = baseEnvSchema.extend({
  PORT: ownPortSchema("inventory"),
  /** How long an unpaid order holds its stock. */
  RESERVATION_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  /** How often the sweeper looks for lapsed reservations. */
  EXPIRY_SWEEP_MS: z.coerce.number().int().positive().default(1_000),
  /** The low-stock threshold new SKUs start with. */
  LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0).default(5),
  /** Gives SKUs the catalog announces an initial demo quantity. */
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export type InventoryEnv = z.infer<typeof inventoryEnvSchema>;
