import { type ServiceName, serviceEntry } from "@mercato/registry";
import { z } from "zod";
import { isUrlList } from "./replicas.ts";
import { publicKeysSchema, signingKeySchema } from "./service-keys.ts";
import { tracingEnvShape } from "./tracing/env.ts";

/** Thrown when configuration is missing or malformed; the message is one sentence for the operator. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** A share 0..1 (ACCESS_LOG_SAMPLE_2XX); 1, every request, by default. */
const accessLogSampleSchema = z.coerce.number().min(0, "a share from 0 to 1").max(1, "a share from 0 to 1").default(1);

/** Variables every service reads. Each service extends this with its own. */
export const baseEnvSchema = z.object({
  /**
   * Unset means production: development and test conveniences (demo data, dev secrets, the test
   * payment provider, the open mailbox) are only there when the launcher or the tests ask for them.
   */
  NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535),
  DATABASE_URL: z.string().regex(/^(file:|libsql:|https?:|wss?:)/, "a file:, libsql: or http(s): URL"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** SQLite durability for local files: see DatabaseOptions.synchronous in @mercato/db. */
  DATABASE_SYNC: z.enum(["normal", "full"]).default("normal"),
  NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\//, "a nats:// URL"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "a redis:// URL"),
  /** Where identity serves its JSON Web Key Set; user tokens are verified against it. */
  JWKS_URL: z.string().url(),
  JWT_ISSUER: z.string().min(1).default("mercato"),
  JWT_AUDIENCE: z.string().min(1).default("mercato"),
  /**
   * This service's own Ed25519 private key (a JWK), signing the tokens it presents to other
   * services' internal procedures. Secret, and given to this service only (service-keys.ts).
   */
  SERVICE_SIGNING_KEY: signingKeySchema,
  /** Every caller's public key (service name → public JWK): whose tokens this service can check. Not secret. */
  SERVICE_PUBLIC_KEYS: publicKeysSchema,
  /** JetStream nodes that keep each stream: 3 on a three-node cluster. */
  STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * How long a singleton job's lease outlives its holder's last renewal (the NATS KV bucket
   * `leases`' max age, set by whoever creates the bucket first): the longest a job pauses when
   * the instance running it dies (see docs/SCALING.md).
   */
  LEASE_TTL_MS: z.coerce.number().int().min(500).max(120_000).default(6_000),
  /** Calls to other services (service-calls.ts): time to an answer, breaker pause, retries of a query that could not connect. */
  SERVICE_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  SERVICE_CALL_HALF_OPEN_MS: z.coerce.number().int().positive().default(5_000),
  SERVICE_CALL_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The share of successful (< 400) requests the access log keeps, 0..1; 4xx and 5xx are always logged. */
  ACCESS_LOG_SAMPLE_2XX: accessLogSampleSchema,
  /** How long shutdown waits for in-flight requests and event handlers. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Live streams (SSE subscriptions) one client address, and one signed-in user, may hold open per instance. */
  SSE_MAX_STREAMS_PER_CLIENT: z.coerce.number().int().positive().default(20),
  /** OpenTelemetry traces: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (tracing/env.ts). */
  ...tracingEnvShape,
});
export type BaseEnv = z.infer<typeof baseEnvSchema>;

/**
 * Parses configuration from the environment. A missing or malformed variable stops start-up with
 * a sentence that names it and says what is expected.
 */
export function loadEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  // Empty strings count as unset, as a shell `FOO=` means "no value".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) {
    refuseInProduction(parsed.data);
    return parsed.data;
  }
  const sentences = parsed.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    // A custom rule on an unset variable ("required in production") reads as missing too.
    const missing = (issue.code === "invalid_type" || issue.code === "custom") && cleaned[name] === undefined;
    return missing
      ? `Environment variable ${name} is missing: set it to ${expectation(issue)}.`
      : `Environment variable ${name} is malformed: expected ${expectation(issue)}.`;
  });
  throw new ConfigError(sentences.join(" "));
}

/**
 * What no service may run with in production, whatever its own schema says: demo data (known
 * logins and passwords, sample orders) would be a way in.
 */
function refuseInProduction(env: unknown): void {
  const vars = env as { NODE_ENV?: unknown; SEED_DEMO?: unknown };
  if (vars.NODE_ENV === "production" && vars.SEED_DEMO === true) {
    throw new ConfigError(
      "Environment variable SEED_DEMO must not be true in production: demo data brings known logins; unset it or set NODE_ENV=development.",
    );
  }
}

function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `a ${issue.expected}`;
  if (issue.code === "invalid_value") return `one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "invalid_format" && issue.format === "regex") return issue.message;
  return issue.message;
}

/**
 * The URL variables of the services a service calls, named as the registry names them
 * (`CATALOG_URL`...; a comma-separated list for several replicas) and defaulting to the service's local port, for a service's env schema:
 * `baseEnvSchema.extend({ ...serviceUrlsSchema("catalog", "inventory") })`.
 */
export function serviceUrlsSchema<const N extends ServiceName>(...names: N[]) {
  const shape: Record<string, z.ZodDefault<z.ZodString>> = {};
  for (const name of names) {
    const { urlEnv, port } = serviceEntry(name);
    // One URL, or several (its replicas, comma-separated: service-calls.ts spreads calls over them).
    shape[urlEnv] = z
      .string()
      .refine(isUrlList, "an http(s) URL, or several separated by commas")
      .default(`http://127.0.0.1:${port}`);
  }
  return shape as { [K in N as `${Uppercase<K>}_URL`]: z.ZodDefault<z.ZodString> };
}

/** A service's own PORT, defaulting to its port in the registry. */
export function ownPortSchema(name: ServiceName) {
  return z.coerce.number().int().min(0).max(65535).default(serviceEntry(name).port);
}
