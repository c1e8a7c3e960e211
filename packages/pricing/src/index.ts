export { allocateProportionally } from "./allocate.ts";
export * from "./basket.ts";
export * from "./money.ts";
export * from "./price-lists.ts";
export * from "./regions.ts";
export { mulDivHalfEven, roundHalfEven } from "./rounding.ts";
