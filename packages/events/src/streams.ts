import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";

/** One JetStream stream per service domain; the stream name is the domain in capitals. */
export const DOMAINS: readonly ServiceName[] = SERVICE_NAMES;
export type Domain = ServiceName;

export const DEAD_LETTER_STREAM = "DEADLETTER";
export const DEAD_LETTER_PREFIX = "deadletter";

export function streamFor(domain: string): string {
  return domain.toUpperCase();
}

/** The durable consumer a service's kit consumer holds on a domain's stream (its NATS permissions name it). */
export function durableName(consumer: string, domain: string): string {
  return `${consumer}-${domain}`;
}

/** JetStream drops a re-publish with the same Nats-Msg-Id inside this window. */
export const DEDUPE_WINDOW_MS = 10 * 60_000;
