import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { z } from "zod";

export const ordersEnvSchema = baseEnvSchema.extend({
  PORT: ownPortSchema("orders"),
  ...serviceUrlsSchema("catalog", "cart", "payments"),
  /** How long checkout waits for the stock reservation before answering PENDING. */
  CHECKOUT_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(2_000),
  /**
   * Caps on unpaid orders (PENDING: awaiting payment) at checkout, so one client cannot keep
   * stock reserved with orders it never pays: per client address (as the gateway saw it), per
   * email (and per signed-in user), per cart, and the units those unpaid orders hold per address
   * and per email. Over a cap, checkout answers 429 naming the field (`clientAddress`, `email`,
   * `cart`, `lines`).
   */
  CHECKOUT_MAX_UNPAID_PER_ADDRESS: z.coerce.number().int().min(1).default(5),
  CHECKOUT_MAX_UNPAID_PER_EMAIL: z.coerce.number().int().min(1).default(3),
  CHECKOUT_MAX_UNPAID_PER_CART: z.coerce.number().int().min(1).default(2),
  CHECKOUT_MAX_UNPAID_UNITS: z.coerce.number().int().min(1).default(20),
  /** Keys the guest access tokens; by default derived from orders' own SERVICE_SIGNING_KEY. Changing either invalidates guest links. */
  ORDER_ACCESS_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /**
   * Signs the guest order links mailed to shoppers (#21); by default derived from orders' own
   * SERVICE_SIGNING_KEY (required, so production never runs without a key). Changing either
   * invalidates the links already sent.
   */
  ORDER_LINK_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** How long a mailed order link works. */
  ORDER_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Order lookups ("send me a link") per client address and per email address in one window. */
  ORDER_LOOKUP_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
  ORDER_LOOKUP_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(3),
  ORDER_LOOKUP_WINDOW_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** Days after a shipment's delivery during which its units may be returned. */
  RETURN_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** Whether a return refunds the order's shipping once every unit of it is back. */
  RETURN_REFUNDS_SHIPPING: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** A restocking fee kept on returned units' value, in basis points (100 = 1 %). */
  RETURN_RESTOCKING_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(0),
  /** What the shopper is told to do with an approved return's parcel (mailed with the approval). */
  RETURN_INSTRUCTIONS: z
    .string()
    .max(1000)
    .default(
      "Pack the items with the return number written on the parcel and send them to: Mercato Returns, 1 Warehouse Way.",
    ),
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type OrdersEnv = z.infer<typeof ordersEnvSchema>;
