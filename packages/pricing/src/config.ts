import { z } from "zod";

/** How a cart or an order is priced beyond its lines. Every amount in minor units. */
export interface PricingConfig {
  /** Shipping charged below the free-shipping threshold. */
  shippingFlatRate: number;
  /** Discounted subtotal from which shipping is free. */
  freeShippingThreshold: number;
  /** Tax rate in basis points: 2000 = 20 %. */
  taxRateBps: number;
}

const amount = z.coerce.number().int().min(0);

/**
 * The environment variables that configure pricing, with their defaults. Services extend their env
 * schema with this so a malformed value stops start-up with a sentence naming the variable.
 */
export const pricingEnvSchema = z.object({
  SHIPPING_FLAT_RATE: amount.default(495),
  FREE_SHIPPING_THRESHOLD: amount.default(5000),
  TAX_RATE_BPS: z.coerce.number().int().min(0).max(10_000).default(2000),
});

/** The variables pricing reads; any other keys of the environment are ignored. */
export interface PricingEnvSource {
  SHIPPING_FLAT_RATE?: string | number;
  FREE_SHIPPING_THRESHOLD?: string | number;
  TAX_RATE_BPS?: string | number;
}

/**
 * Reads the pricing config from an environment (raw strings or an already-parsed env), so cart and
 * orders read the same variables the same way. A malformed value throws naming the variable.
 */
export function pricingConfigFromEnv(env: PricingEnvSource): PricingConfig {
  const pick = (name: keyof PricingEnvSource) => (env[name] === "" ? undefined : env[name]);
  const parsed = pricingEnvSchema.safeParse({
    SHIPPING_FLAT_RATE: pick("SHIPPING_FLAT_RATE"),
    FREE_SHIPPING_THRESHOLD: pick("FREE_SHIPPING_THRESHOLD"),
    TAX_RATE_BPS: pick("TAX_RATE_BPS"),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`Environment variable ${String(issue?.path[0])} is malformed: ${issue?.message}`);
  }
  return {
    shippingFlatRate: parsed.data.SHIPPING_FLAT_RATE,
    freeShippingThreshold: parsed.data.FREE_SHIPPING_THRESHOLD,
    taxRateBps: parsed.data.TAX_RATE_BPS,
  };
}
