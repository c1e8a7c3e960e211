/** What the sender does after a provider answered (or did not). */
export type FailureKind = "retry" | "fatal";

/**
 * Rate limits (429), provider faults (5xx) and no answer at all (network, unreadable reply) may
 * pass if we wait; any other 4xx means the request itself is wrong and would fail again.
 */
export function classifyFailure(statusCode: number | null): FailureKind {
  if (statusCode === null || statusCode === 429 || statusCode >= 500) return "retry";
  return "fatal";
}

/**
 * After `attempts` tries (this one included), when to try again: base·2^(attempts-1), or
 * `null` once the bound is reached so the message is marked failed.
 */
export function retryDelayMs(
  attempts: number,
  maxAttempts: number,
  baseMs: number,
  capMs = 15 * 60_000,
): number | null {
  if (attempts >= maxAttempts) return null;
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), capMs);
}

// Deliberately simple: one @, no spaces or angle brackets, a dot in the domain. Catches typos and
// injected display names; the provider remains the judge of anything subtler.
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

/** Whether a recipient is worth handing to a provider at all. */
export function isDeliverableAddress(to: string): boolean {
  return to.length <= 254 && ADDRESS.test(to);
}

/** Admins from identity plus the configured alert list, each address once (case-insensitive). */
export function alertRecipients(fromIdentity: readonly string[], configured: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const email of [...fromIdentity, ...configured]) {
    const key = email.trim().toLowerCase();
    if (key && !seen.has(key)) seen.set(key, email.trim());
  }
  return [...seen.values()];
}
