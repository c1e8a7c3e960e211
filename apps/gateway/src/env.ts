import { baseEnvSchema, isUrlList, parseUrlList, tracingEnvShape } from "@mercato/kit";
import { MAX_BATCH_SIZE, SERVICES, type ServiceName } from "@mercato/registry";
import { z } from "zod";

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
 * Each service's URL variable (`IDENTITY_URL`, `CATALOG_URL`, ...), by default its port on this
 * host; several replicas as a comma-separated list (`ORDERS_URL=http://a:4005,http://b:4005`).
 */
const upstreamUrlVariables = Object.fromEntries(
  SERVICES.map((s) => [
    s.urlEnv,
    z
      .string()
      .refine(isUrlList, "an http(s) URL, or several separated by commas")
      .default(`http://127.0.0.1:${s.port}`),
  ]),
);

/**
 * The gateway has no database, so it takes only the shared pieces of the base schema it uses, with
 * dev defaults for everything.
 */
export const gatewayEnvSchema = baseEnvSchema
  .pick({ NODE_ENV: true, HOST: true, LOG_LEVEL: true, SHUTDOWN_TIMEOUT_MS: true, ACCESS_LOG_SAMPLE_2XX: true })
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    NATS_URL: baseEnvSchema.shape.NATS_URL.default("nats://127.0.0.1:4222"),
    REDIS_URL: baseEnvSchema.shape.REDIS_URL.default("redis://127.0.0.1:6379"),
    ...upstreamUrlVariables,
    CORS_ORIGINS: originList.default(["http://localhost:3000", "http://127.0.0.1:3000"]),
    BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
    /** Bytes of response bodies the in-memory cache may hold; 0 turns the cache off. */
    GATEWAY_CACHE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    /**
     * JSON, HTML and other text answers at least this long are compressed (br or gzip, as the
     * client accepts); shorter ones go as they are.
     */
    COMPRESSION_MIN_BYTES: z.coerce.number().int().min(0).default(1024),
    /** Brotli quality for answers compressed per request; 4 keeps a 50 KB page well under 1 ms. */
    COMPRESSION_BROTLI_QUALITY: z.coerce.number().int().min(0).max(11).default(4),
    COMPRESSION_GZIP_LEVEL: z.coerce.number().int().min(1).max(9).default(6),
    /** How long an upstream may take to send its response headers (streams may then run longer). */
    UPSTREAM_TIMEOUT_MS: positiveInt.default(10_000),
    /** How often each replica of a service with several is asked for its `/ready` (health.ts). */
    REPLICA_PROBE_MS: positiveInt.default(1_000),
    /** How long an open circuit waits before letting one trial request through. */
    BREAKER_HALF_OPEN_MS: positiveInt.default(5_000),
    RATE_LIMIT_WINDOW_MS: positiveInt.default(60_000),
    /** Writes (mutations, POSTs: Add to cart...) per window per client IP. */
    RATE_LIMIT_IP: positiveInt.default(600),
    /**
     * Reads (GET/HEAD: tRPC queries, subscriptions, session reads; the storefront's server renders
     * and prefetches are reads) per window per client IP, counted apart from the writes.
     */
    RATE_LIMIT_READ: positiveInt.default(1200),
    /** Images (`/media/*`) per window per client IP, counted apart from everything else. */
    RATE_LIMIT_MEDIA: positiveInt.default(3000),
    /** Requests per window per signed-in user (JWT subject), reads and writes each. */
    RATE_LIMIT_USER: positiveInt.default(600),
    /** Requests per window per IP (or user) on sign-in, sign-up, password reset and checkout. */
    RATE_LIMIT_SENSITIVE: positiveInt.default(10),
    /** How long Redis may take to count a request before it goes through unchecked (fail open). */
    RATE_LIMIT_REDIS_TIMEOUT_MS: positiveInt.default(250),
    /**
     * Proxies in front of the gateway that append the client to X-Forwarded-For (an ingress, a
     * load balancer). The client is the entry the outermost of them appended: with 1, the last
     * entry; with 0 (the default) X-Forwarded-For is ignored and the peer address is the client.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /**
     * Shared with the storefront's server (apps/web): it signs the shopper's address it forwards
     * (`x-mercato-client-ip`) with this key. Unset, that header is ignored.
     */
    WEB_TIER_SECRET: z.string().min(32, "at least 32 characters").optional(),
    /** Where /metrics is served, apart from the public port; unset, metrics are not served. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Calls one batched tRPC request may carry (the services and the client use the same cap). */
    MAX_BATCH_SIZE: positiveInt.default(MAX_BATCH_SIZE),
    /**
     * Key sets user JWTs are verified against (comma-separated), by default identity's. A bearer
     * that does not verify is a 401 at the gateway; rate limits key on the verified user only.
     */
    JWKS_URL: z
      .string()
      .transform((raw) =>
        raw
          .split(",")
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(url).min(1))
      .optional(),
    JWT_ISSUER: baseEnvSchema.shape.JWT_ISSUER,
    JWT_AUDIENCE: baseEnvSchema.shape.JWT_AUDIENCE,
    /** OpenTelemetry traces, as in every service: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
    ...tracingEnvShape,
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Each service's replicas' base URLs (from its variable, without trailing slashes), by service name. */
export function upstreamUrls(env: GatewayEnv): Record<ServiceName, string[]> {
  // The URL variables are in the parsed env, but zod cannot type keys that come from a list.
  const vars: Record<string, unknown> = env;
  return Object.fromEntries(SERVICES.map((s) => [s.name, parseUrlList(String(vars[s.urlEnv]))])) as Record<
    ServiceName,
    string[]
  >;
}

/**
 * The key sets user JWTs are verified against: JWKS_URL, else identity's (`<IDENTITY_URL>/api/auth/jwks`,
 * at its first replica: every replica serves the same keys from one database).
 */
export function jwksUrls(env: GatewayEnv): string[] {
  return env.JWKS_URL ?? [`${upstreamUrls(env).identity[0]}/api/auth/jwks`];
}
