/** One JetStream stream per domain; the stream name is the domain in capitals. */
export const DOMAINS = ["identity", "catalog", "inventory", "cart", "orders", "payments", "notifications"] as const;
export type Domain = (typeof DOMAINS)[number];

export const DEAD_LETTER_STREAM = "DEADLETTER";
export const DEAD_LETTER_PREFIX = "deadletter";

export function streamFor(domain: string): string {
  return domain.toUpperCase();
}

/** JetStream drops a re-publish with the same Nats-Msg-Id inside this window. */
export const DEDUPE_WINDOW_MS = 10 * 60_000;
