/**
 * Outbound webhooks' delivery rules (#24), pure: the retry schedule (exponential with jitter),
 * what counts as delivered, when an endpoint has failed long enough to be turned off, and how
 * much of an answer the log keeps.
 */
import { WEBHOOK_RESPONSE_EXCERPT_MAX } from "../contract-webhooks.ts";

export interface RetrySchedule {
  baseMs: number;
  maxMs: number;
}

/** How much longer each retry waits than the one before. */
const FACTOR = 4;

/**
 * The wait before attempt `attempt + 1` after `attempt` failed (1-based): base × 4^(attempt-1),
 * capped, then "equal jitter": half of it fixed, half random, so receivers that failed together
 * are not all retried in the same second.
 */
export function webhookRetryDelayMs(attempt: number, s: RetrySchedule, random: () => number = Math.random): number {
  const exp = Math.min(s.maxMs, s.baseMs * FACTOR ** Math.max(0, attempt - 1));
  const half = exp / 2;
  return Math.round(half + random() * half);
}

/** Standard Webhooks: any 2xx is delivered; everything else (3xx included: no redirects are followed) is retried. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}

export interface FailureStreak {
  consecutiveFailures: number;
  failingSince: Date | null;
}

/** After a failed attempt: the streak grows, and started now if this is its first failure. */
export function streakAfterFailure(s: FailureStreak, now: Date): { consecutiveFailures: number; failingSince: Date } {
  return { consecutiveFailures: s.consecutiveFailures + 1, failingSince: s.failingSince ?? now };
}

/** Sustained failure: at least `afterFailures` failed attempts in a row, over at least `afterMs`. */
export function isSustainedFailure(
  s: FailureStreak,
  now: Date,
  limits: { afterFailures: number; afterMs: number },
): boolean {
  if (!s.failingSince) return false;
  return s.consecutiveFailures >= limits.afterFailures && now.getTime() - s.failingSince.getTime() >= limits.afterMs;
}

/** The start of an answer for the log, truncated (with a marker) to WEBHOOK_RESPONSE_EXCERPT_MAX characters. */
export function responseExcerpt(body: string): string | null {
  if (body.length === 0) return null;
  if (body.length <= WEBHOOK_RESPONSE_EXCERPT_MAX) return body;
  return `${body.slice(0, WEBHOOK_RESPONSE_EXCERPT_MAX - 1)}…`;
}

/** A message id as Standard Webhooks libraries make them (`msg_` + a unique, time-ordered part). */
export function webhookMessageId(uuidV7: string): string {
  return `msg_${uuidV7.replaceAll("-", "")}`;
}
