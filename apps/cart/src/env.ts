import { baseEnvSchema } from "@mercato/kit";
import { pricingEnvSchema } from "@mercato/pricing";
import { type ServiceName, serviceEntry } from "@mercato/registry";
import { z } from "zod";

/**
 * The base URL variable of a service the cart calls, named and defaulted (its local port) as the
 * registry says. The registry names every service's variable `<NAME>_URL`, which the type spells.
 */
function calledServiceUrl<const N extends ServiceName>(name: N) {
  const { urlEnv, port } = serviceEntry(name);
  return { [urlEnv]: z.string().url().default(`http://localhost:${port}`) } as Record<
    `${Uppercase<N>}_URL`,
    z.ZodDefault<z.ZodString>
  >;
}

export const cartEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(serviceEntry("cart").port),
  ...calledServiceUrl("catalog"),
  ...calledServiceUrl("inventory"),
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
