import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { GATEWAY, serviceEntry, WEB } from "@mercato/registry";
import { z } from "zod";
import { parseOriginList } from "./domain/origins.ts";
import { DEFAULT_PASSWORD_MIN_SCORE } from "./domain/password-strength.ts";

const PORT = serviceEntry("identity").port;

/** Only for development and tests: production must bring its own secret (checked below). */
const DEV_AUTH_SECRET = "mercato-dev-only-better-auth-secret-do-not-use";

const envShape = baseEnvSchema.extend({
  PORT: ownPortSchema("identity"),
  /** The data export reads orders and the mailbox from these. */
  ...serviceUrlsSchema("orders", "notifications"),
  /** Identity verifies its own tokens like every other service: against its own JWKS. */
  JWKS_URL: z.string().url().default(`http://127.0.0.1:${PORT}/api/auth/jwks`),
  /** Signs cookies and encrypts the JWT private keys; at least 32 characters. */
  BETTER_AUTH_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** The public base URL of the auth endpoints (the gateway's URL when served through it). */
  BETTER_AUTH_URL: z.string().url().default(`http://127.0.0.1:${PORT}`),
  /** Where links in emails point (reset password, verify email); its origin is trusted for sign-ins. */
  STOREFRONT_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//i, "an http(s) URL such as https://shop.example")
    .default(`http://localhost:${WEB.port}`),
  /**
   * More page addresses sign-ins may come from, comma-separated origins
   * (`https://www.shop.example,https://shop.example`). In production only these, STOREFRONT_URL,
   * GATEWAY_URL and BETTER_AUTH_URL are trusted; development adds each loopback twin.
   */
  TRUSTED_ORIGINS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return [];
      const parsed = parseOriginList(raw);
      if ("origins" in parsed) return parsed.origins;
      ctx.addIssue({
        code: "custom",
        message: `comma-separated origins like https://shop.example (no path); "${parsed.bad.slice(0, 100)}" is not one`,
      });
      return z.NEVER;
    }),
  /** The zxcvbn score (0–4) a new password must reach at sign-up, reset and change; 0 turns the check off. */
  PASSWORD_MIN_SCORE: z.coerce.number().int().min(0).max(4).default(DEFAULT_PASSWORD_MIN_SCORE),
  GATEWAY_URL: z.string().url().default(`http://localhost:${GATEWAY.port}`),
  REQUIRE_EMAIL_VERIFICATION: z.stringbool().default(false),
  SEED_DEMO: z.stringbool().default(false),
  /**
   * Take the client address from X-Forwarded-For (first hop). Turn on only behind a proxy that
   * sets it (the gateway); otherwise anyone could pick their own address and dodge the limits.
   */
  TRUST_PROXY: z.stringbool().default(false),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Failed sign-ins per email per window. */
  RATE_LIMIT_SIGN_IN_PER_EMAIL: z.coerce.number().int().positive().default(10),
  /** Password-reset requests per email per window. */
  RATE_LIMIT_RESET_PER_EMAIL: z.coerce.number().int().positive().default(5),
  /** Sign-in and reset attempts per client address per window. */
  RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(100),
  /** Sign-ups per client address per window. */
  RATE_LIMIT_SIGN_UP_PER_IP: z.coerce.number().int().positive().default(20),
  /** Sign-ups per email per window (a duplicate answers like a new one, so it could be retried forever). */
  RATE_LIMIT_SIGN_UP_PER_EMAIL: z.coerce.number().int().positive().default(3),
  /** Verification emails sent per email per window. */
  RATE_LIMIT_VERIFY_PER_EMAIL: z.coerce.number().int().positive().default(3),
});

export const identityEnvSchema = envShape.transform((env, ctx) => {
  if (env.BETTER_AUTH_SECRET) return { ...env, BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET };
  if (env.NODE_ENV === "production") {
    ctx.addIssue({
      code: "custom",
      path: ["BETTER_AUTH_SECRET"],
      message: "a random secret of at least 32 characters (no default in production)",
    });
    return z.NEVER;
  }
  return { ...env, BETTER_AUTH_SECRET: DEV_AUTH_SECRET };
});

export type IdentityEnv = z.output<typeof identityEnvSchema>;
