export { allocateProportionally } from "./allocate.ts";
export * from "./basket.ts";
export { type PricingConfig, type PricingEnvSource, pricingConfigFromEnv, pricingEnvSchema } from "./config.ts";
export * from "./money.ts";
export * from "./regions.ts";
export { mulDivHalfEven, roundHalfEven } from "./rounding.ts";
export {
  computeTotals,
  type Discount,
  discountAmount,
  discountSchema,
  type LineTotals,
  type PricedLine,
  type Totals,
} from "./totals.ts";
