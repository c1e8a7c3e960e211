/**
 * Rounds to the nearest integer, ties to the even neighbour (banker's rounding), so that many
 * roundings of halves do not drift upward: 0.5 → 0, 1.5 → 2, 2.5 → 2, -2.5 → -2.
 */
export function roundHalfEven(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`roundHalfEven: ${value} is not a finite number`);
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * `amount × numerator / denominator` rounded half-even, computed exactly in integers (BigInt), so a
 * tie is a real tie and never a floating-point near-miss. Used for rates in basis points.
 */
export function mulDivHalfEven(amount: number, numerator: number, denominator: number): number {
  assertInteger("amount", amount);
  assertInteger("numerator", numerator);
  assertInteger("denominator", denominator);
  if (denominator <= 0) throw new RangeError("denominator must be positive");
  const product = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  // Floor division for negatives too, so the remainder is always in [0, d).
  let q = product / d;
  let r = product % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  const twice = 2n * r;
  if (twice > d || (twice === d && q % 2n !== 0n)) q += 1n;
  return Number(q);
}

export function assertInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer in minor units, got ${value}`);
}
