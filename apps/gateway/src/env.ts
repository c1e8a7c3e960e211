import { baseEnvSchema } from "@mercato/kit";
import { z } from "zod";
import { SERVICES, type ServiceName } from "./domain/routing.ts";

const url = z.string().url();
const positiveInt = z.coerce.number().int().positive();

/** `http://localhost:3000, http://127.0.0.1:3000` → exact origins, no trailing slashes. */
const originList = z.string().transform((raw) =>
  raw
    .split(",")
    .map((o) => o.trim().replace(/\/$/, ""))
    .filter(Boolean),
);

/**
 * The gateway has no database and verifies no tokens (the services do), so it takes only the
 * shared pieces of the base schema it uses, with dev defaults for everything.
 */
export const gatewayEnvSchema = baseEnvSchema
  .pick({ NODE_ENV: true, HOST: true, LOG_LEVEL: true, SHUTDOWN_TIMEOUT_MS: true })
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    NATS_URL: baseEnvSchema.shape.NATS_URL.default("nats://127.0.0.1:4222"),
    REDIS_URL: baseEnvSchema.shape.REDIS_URL.default("redis://127.0.0.1:6379"),
    IDENTITY_URL: url.default("http://127.0.0.1:4001"),
    CATALOG_URL: url.default("http://127.0.0.1:4002"),
    INVENTORY_URL: url.default("http://127.0.0.1:4003"),
    CART_URL: url.default("http://127.0.0.1:4004"),
    ORDERS_URL: url.default("http://127.0.0.1:4005"),
    PAYMENTS_URL: url.default("http://127.0.0.1:4006"),
    NOTIFICATIONS_URL: url.default("http://127.0.0.1:4007"),
    CORS_ORIGINS: originList.default(["http://localhost:3000", "http://127.0.0.1:3000"]),
    BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
    /** Bytes of response bodies the in-memory cache may hold; 0 turns the cache off. */
    GATEWAY_CACHE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    /** How long an upstream may take to send its response headers (streams may then run longer). */
    UPSTREAM_TIMEOUT_MS: positiveInt.default(10_000),
    /** How long an open circuit waits before letting one trial request through. */
    BREAKER_HALF_OPEN_MS: positiveInt.default(5_000),
    RATE_LIMIT_WINDOW_MS: positiveInt.default(60_000),
    /** Requests per window per client IP. */
    RATE_LIMIT_IP: positiveInt.default(600),
    /** Requests per window per signed-in user (JWT subject). */
    RATE_LIMIT_USER: positiveInt.default(600),
    /** Requests per window per IP (or user) on sign-in, sign-up, password reset and checkout. */
    RATE_LIMIT_SENSITIVE: positiveInt.default(10),
    /** How long Redis may take to count a request before it goes through unchecked (fail open). */
    RATE_LIMIT_REDIS_TIMEOUT_MS: positiveInt.default(250),
    /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
    TRUST_PROXY: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export function upstreamUrls(env: GatewayEnv): Record<ServiceName, string> {
  const byName: Record<ServiceName, string> = {
    identity: env.IDENTITY_URL,
    catalog: env.CATALOG_URL,
    inventory: env.INVENTORY_URL,
    cart: env.CART_URL,
    orders: env.ORDERS_URL,
    payments: env.PAYMENTS_URL,
    notifications: env.NOTIFICATIONS_URL,
  };
  for (const name of SERVICES) byName[name] = byName[name].replace(/\/$/, "");
  return byName;
}
