import { assertInteger } from "./rounding.ts";

/**
 * Splits an integer `amount` across `weights` in proportion, with the largest-remainder method:
 * each share is floored, then the units left over go to the largest remainders (earliest first on
 * a tie). The shares always sum to exactly `amount`, so line discounts add up to the discount.
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  assertInteger("amount", amount);
  if (amount < 0) throw new RangeError("amount must not be negative");
  for (const w of weights) {
    assertInteger("weight", w);
    if (w < 0) throw new RangeError("weights must not be negative");
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) {
    if (amount !== 0) throw new RangeError("cannot allocate a non-zero amount over zero weights");
    return weights.map(() => 0);
  }
  const big = BigInt(amount);
  const bigTotal = BigInt(total);
  const shares = weights.map((w) => {
    const exact = big * BigInt(w);
    return { share: exact / bigTotal, remainder: exact % bigTotal };
  });
  let left = amount - shares.reduce((a, s) => a + Number(s.share), 0);
  const order = shares
    .map((s, index) => ({ index, remainder: s.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const out = shares.map((s) => Number(s.share));
  for (const { index } of order) {
    if (left === 0) break;
    out[index] = (out[index] ?? 0) + 1;
    left -= 1;
  }
  return out;
}
