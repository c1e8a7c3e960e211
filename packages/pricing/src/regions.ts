/**
 * Where the shop sells and how it prices there: regions, tax classes and rates, shipping options.
 * Pure shapes (zod) shared by the catalog (which stores them), the cart and orders (which price
 * with them), the web (which shows and edits them) and the event schemas.
 */
import { z } from "zod";
import { currencySchema, minorUnitsSchema } from "./money.ts";

// ── Countries ───────────────────────────────────────────────────────────────────────────────
/** An ISO 3166-1 alpha-2 country code, upper case ("FR"). */
export const countryCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, "a two-letter ISO 3166-1 country code"));
/** The subdivision part of an ISO 3166-2 code, upper case: "CA" for US-CA (a US state). */
export const subdivisionCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{1,3}$/, "the subdivision part of an ISO 3166-2 code, e.g. CA"));

// ── Tax classes and rates ───────────────────────────────────────────────────────────────────
/** Which rate a product is taxed at. Books in France are `reduced` (5.5 %); some goods `zero`. */
export const TAX_CLASSES = ["standard", "reduced", "zero"] as const;
export const taxClassSchema = z.enum(TAX_CLASSES);
export type TaxClass = z.infer<typeof taxClassSchema>;

/** Basis points: 2000 = 20 %, 550 = 5.5 %, 725 = 7.25 %. */
export const rateBpsSchema = z.number().int().min(0).max(10_000);

/**
 * One rate of the built-in rate table: a country's rate for a class, or a subdivision's (a US
 * state's sales tax) when `subdivision` is set. The most specific rate for an address wins.
 */
export const taxRateSchema = z.object({
  country: countryCodeSchema,
  subdivision: subdivisionCodeSchema.nullable().default(null),
  taxClass: taxClassSchema,
  rateBps: rateBpsSchema,
  /** What the shopper reads on the tax line: "VAT 20%", "CA sales tax 7.25%". */
  name: z.string().trim().min(1).max(100),
});
export type TaxRate = z.infer<typeof taxRateSchema>;

// ── Shipping options ────────────────────────────────────────────────────────────────────────
export const SHIPPING_SPEEDS = ["standard", "express"] as const;
export const shippingSpeedSchema = z.enum(SHIPPING_SPEEDS);
export type ShippingSpeed = z.infer<typeof shippingSpeedSchema>;

/** A weight tier: up to `upToGrams` inclusive (null = any weight above the previous tier). */
export const weightTierSchema = z.object({
  upToGrams: z.number().int().positive().nullable(),
  amount: minorUnitsSchema.pipe(z.number().min(0)),
});

/**
 * How an option's price is worked out, in the region's currency (and on the region's tax basis:
 * gross where prices include tax, net where they do not):
 * - `flat`: always `amount`;
 * - `free_above`: `amount`, or 0 once the discounted subtotal reaches `threshold`;
 * - `weight`: the first tier whose `upToGrams` holds the basket's weight (tiers ascending, the
 *   last may be open-ended); a basket heavier than every bounded tier cannot use the option.
 */
export const shippingRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("flat"), amount: minorUnitsSchema.pipe(z.number().min(0)) }),
  z.object({
    kind: z.literal("free_above"),
    amount: minorUnitsSchema.pipe(z.number().min(0)),
    threshold: minorUnitsSchema.pipe(z.number().min(0)),
  }),
  z.object({ kind: z.literal("weight"), tiers: z.array(weightTierSchema).min(1).max(20) }),
]);
export type ShippingRule = z.infer<typeof shippingRuleSchema>;
export const SHIPPING_RULE_KINDS = ["flat", "free_above", "weight"] as const satisfies readonly ShippingRule["kind"][];

export const shippingOptionSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  speed: shippingSpeedSchema,
  rule: shippingRuleSchema,
  /** Delivery estimate in working days, e.g. 2–4. */
  minDays: z.number().int().min(0).max(60),
  maxDays: z.number().int().min(0).max(60),
  /** Shipping is taxed like goods of this class (`zero`: not taxed). */
  taxClass: taxClassSchema.default("standard"),
  active: z.boolean().default(true),
});
export type ShippingOption = z.infer<typeof shippingOptionSchema>;

// ── Regions ─────────────────────────────────────────────────────────────────────────────────
export const PAYMENT_PROVIDERS = ["stripe", "test"] as const;
export const paymentProviderSchema = z.enum(PAYMENT_PROVIDERS);
export type PaymentProvider = z.infer<typeof paymentProviderSchema>;

/** Who computes a region's tax: the built-in rate table, or Stripe Tax's Calculations API. */
export const TAX_PROVIDERS = ["rates", "stripe_tax"] as const;
export const taxProviderNameSchema = z.enum(TAX_PROVIDERS);
export type TaxProviderName = z.infer<typeof taxProviderNameSchema>;

/**
 * Everything a cart or an order needs to price a basket in one region: its currency and tax
 * basis, the shipping options it offers, and the tax rates of its countries. The catalog owns
 * and serves it (`catalog.regions.*`).
 */
export const regionRulesSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  currency: currencySchema,
  countries: z.array(countryCodeSchema).min(1).max(250),
  /** Where an address is not known yet (a new cart), tax is estimated for this country. */
  defaultCountry: countryCodeSchema,
  /** EU/UK: shown prices include tax, which is worked out inside them. US: tax is added on top. */
  taxInclusive: z.boolean(),
  taxProvider: taxProviderNameSchema.default("rates"),
  paymentProviders: z.array(paymentProviderSchema).min(1),
  shippingOptions: z.array(shippingOptionSchema),
  taxRates: z.array(taxRateSchema),
});
export type RegionRules = z.infer<typeof regionRulesSchema>;
