/** Longest pause between two lookups of an unreachable recipient. */
export const MAX_LOOKUP_DELAY_MS = 10 * 60_000;

/**
 * What to do with an event still waiting for its recipients after `attempts` lookups: look again
 * after base·2^attempts (capped), or give up once it has waited longer than `maxWaitMs`, since an
 * email about a payment or stock level days late does more harm than good.
 */
export function nextLookup(
  attempts: number,
  waitedMs: number,
  baseMs: number,
  maxWaitMs: number,
): { giveUp: true } | { giveUp: false; delayMs: number } {
  if (waitedMs >= maxWaitMs) return { giveUp: true };
  return { giveUp: false, delayMs: Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_LOOKUP_DELAY_MS) };
}
