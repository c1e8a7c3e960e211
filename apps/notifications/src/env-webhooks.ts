import { z } from "zod";

/** Outbound webhooks' variables (#24), spread into the notifications env schema. */
export const webhooksEnvShape = {
  /** Attempts per delivery round before it fails (a manual redelivery starts a new round). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  /**
   * The first retry's delay; each next one is 4x longer, capped at WEBHOOK_RETRY_MAX_MS, with
   * jitter (half fixed, half random). Defaults: 30 s, 2 min, 8 min, 32 min, ~2 h, 6 h, 6 h (about
   * 15 h in all over 8 attempts).
   */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600_000),
  /** One attempt's limit: connecting, sending and reading the answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(10_000),
  /** An endpoint is turned off (and staff emailed) after this many failed attempts in a row… */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(20),
  /** …once it has been failing, without a single success, for at least this long. */
  WEBHOOK_DISABLE_AFTER_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(3 * 24 * 3600_000),
  /** How long the secret before a rotation still signs, so receivers can switch without a gap. */
  WEBHOOK_SECRET_OVERLAP_SECONDS: z.coerce.number().int().min(0).default(86_400),
  /** How often the delivery worker looks for due deliveries when nothing woke it. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).default(1000),
  /**
   * Endpoints on private, loopback, link-local or metadata addresses (SSRF). Unset: allowed in
   * development and test, refused in production, where true is refused at start.
   */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.stringbool().optional(),
  /**
   * The key that encrypts endpoint secrets at rest; unset, one derived from SERVICE_SIGNING_KEY
   * (rotating that key then makes every endpoint need a secret rotation).
   */
  WEBHOOK_SECRET_KEY: z.string().min(32).optional(),
};

/** Whether endpoints may point at private addresses: never in production, by default elsewhere. */
export function privateAddressesAllowed(env: {
  NODE_ENV: string;
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES?: boolean | undefined;
}) {
  if (env.NODE_ENV === "production") return false;
  return env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? true;
}
