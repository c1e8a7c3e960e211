/** A fixed-window counter's verdict: allowed, or refused with how long until the window resets. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function verdict(count: number, limit: number, ttlSeconds: number, windowSeconds: number): LimitVerdict {
  if (count <= limit) return { allowed: true };
  // A key without a TTL (-1/-2 from Redis) should not happen; fall back to a whole window.
  return { allowed: false, retryAfterSeconds: ttlSeconds > 0 ? ttlSeconds : windowSeconds };
}

/** The longest wait among refusals; null when every counter allows. */
export function strictest(verdicts: LimitVerdict[]): number | null {
  let wait: number | null = null;
  for (const v of verdicts) if (!v.allowed) wait = Math.max(wait ?? 0, v.retryAfterSeconds);
  return wait;
}
