import { baseEnvSchema, ownPortSchema } from "@mercato/kit";
import { z } from "zod";

export const inventoryEnvSchema = baseEnvSchema.extend({
  PORT: ownPortSchema("inventory"),
  /** How long a signed-in shopper's unpaid order holds its stock, and any order once a payment attempt starts. */
  RESERVATION_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  /**
   * How long a guest's unpaid order holds its stock before a payment attempt starts: short, so a
   * client cannot keep a SKU out of stock with orders it never pays. A payment attempt extends the
   * hold to RESERVATION_TTL_MS from then.
   */
  GUEST_RESERVATION_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
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
