import { invalid } from "@mercato/kit/errors";
import { type AdjustmentKind, MAX_QUANTITY } from "../contract.ts";

/** The two stored numbers of a SKU's stock; everything else is derived from them. */
export interface Levels {
  onHand: number;
  reserved: number;
}

export function availableOf(levels: Levels): number {
  return levels.onHand - levels.reserved;
}

/** "Low" includes the threshold itself: with a threshold of 5, five left is low. */
export function isLow(available: number, threshold: number): boolean {
  return available <= threshold;
}

/** True only on the movement that takes availability from above the threshold to at or below it. */
export function crossedLowThreshold(before: number, after: number, threshold: number): boolean {
  return before > threshold && isLow(after, threshold);
}

/** True when the levels are ones the books allow: nothing negative and nothing oversold. */
export function levelsAreValid(levels: Levels): boolean {
  return levels.onHand >= 0 && levels.reserved >= 0 && levels.reserved <= levels.onHand;
}

/**
 * The on-hand change an admin adjustment makes; a refusal throws naming `quantity`. A receipt adds
 * goods; a correction is a signed delta (a stock count found more or fewer) that may not take
 * on-hand below zero or below what is already promised to orders.
 */
export function adjustmentDelta(levels: Levels, kind: AdjustmentKind, quantity: number): number {
  if (!Number.isInteger(quantity) || quantity === 0 || Math.abs(quantity) > MAX_QUANTITY) {
    throw invalid("quantity", `must be a whole number from 1 to ${MAX_QUANTITY} in size`);
  }
  if (kind === "receive" && quantity < 0) {
    throw invalid("quantity", "a receipt must be positive; use a correction to remove stock");
  }
  const after = levels.onHand + quantity;
  if (after < 0) {
    throw invalid("quantity", `would make on-hand negative (${levels.onHand} on hand, change ${quantity})`);
  }
  if (after < levels.reserved) {
    throw invalid("quantity", `would leave on-hand ${after} below the ${levels.reserved} reserved for orders`);
  }
  return quantity;
}
