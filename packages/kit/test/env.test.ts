import { describe, expect, test } from "bun:test";
import { TEST_SERVICE_KEYS, testSigningKey } from "@mercato/testing";
import { z } from "zod";
import { baseEnvSchema, ConfigError, loadEnv } from "../src/index.ts";

const required = {
  PORT: "1",
  DATABASE_URL: "file:/tmp/x.db",
  NATS_URL: "nats://127.0.0.1:4222",
  REDIS_URL: "redis://127.0.0.1:6379",
  JWKS_URL: "http://127.0.0.1:1/jwks",
  SERVICE_SIGNING_KEY: testSigningKey("demo"),
  SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
};

const withSeed = baseEnvSchema.extend({
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("environment rules", () => {
  test("NODE_ENV unset means production", () => {
    expect(loadEnv(baseEnvSchema, required).NODE_ENV).toBe("production");
    // An empty value is unset too.
    expect(loadEnv(baseEnvSchema, { ...required, NODE_ENV: "" }).NODE_ENV).toBe("production");
    expect(loadEnv(baseEnvSchema, { ...required, NODE_ENV: "development" }).NODE_ENV).toBe("development");
  });

  test("SERVICE_SIGNING_KEY and SERVICE_PUBLIC_KEYS have no default in any mode", () => {
    for (const variable of ["SERVICE_SIGNING_KEY", "SERVICE_PUBLIC_KEYS"] as const) {
      const { [variable]: _omitted, ...rest } = required;
      for (const NODE_ENV of ["development", "test", "production"]) {
        expect(configError(() => loadEnv(baseEnvSchema, { ...rest, NODE_ENV })).message).toBe(
          `Environment variable ${variable} is missing: set it to a string.`,
        );
      }
    }
  });

  test("a service key that is not an Ed25519 JWK, or a public map holding a private key, is refused naming it", () => {
    const malformed: [string, string][] = [
      ["SERVICE_SIGNING_KEY", "s".repeat(40)],
      ["SERVICE_SIGNING_KEY", JSON.stringify({ kty: "oct", k: "c2VjcmV0" })],
      ["SERVICE_SIGNING_KEY", JSON.stringify({ ...JSON.parse(required.SERVICE_SIGNING_KEY), d: undefined })],
      ["SERVICE_PUBLIC_KEYS", "not json"],
      ["SERVICE_PUBLIC_KEYS", JSON.stringify({ demo: JSON.parse(required.SERVICE_SIGNING_KEY) })],
      ["SERVICE_PUBLIC_KEYS", JSON.stringify({ demo: { kty: "RSA", n: "x", e: "AQAB" } })],
    ];
    for (const [variable, value] of malformed) {
      expect(configError(() => loadEnv(baseEnvSchema, { ...required, [variable]: value })).message).toStartWith(
        `Environment variable ${variable} is malformed: expected`,
      );
    }
  });

  test("SEED_DEMO=true is refused in production (and so with NODE_ENV unset), allowed in development and test", () => {
    expect(configError(() => loadEnv(withSeed, { ...required, SEED_DEMO: "true" })).message).toStartWith(
      "Environment variable SEED_DEMO must not be true in production",
    );
    expect(
      configError(() => loadEnv(withSeed, { ...required, NODE_ENV: "production", SEED_DEMO: "true" })).message,
    ).toContain("SEED_DEMO");
    expect(loadEnv(withSeed, { ...required, SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
    expect(loadEnv(withSeed, { ...required, NODE_ENV: "development", SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(loadEnv(withSeed, { ...required, NODE_ENV: "test", SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
  });

  test("a production-only rule on an unset variable reads as missing, naming it", () => {
    const schema = baseEnvSchema.extend({ API_KEY: z.string().optional() }).superRefine((env, ctx) => {
      if (env.NODE_ENV === "production" && !env.API_KEY) {
        ctx.addIssue({ code: "custom", path: ["API_KEY"], message: "a key (required in production)" });
      }
    });
    expect(configError(() => loadEnv(schema, required)).message).toBe(
      "Environment variable API_KEY is missing: set it to a key (required in production).",
    );
    expect(loadEnv(schema, { ...required, NODE_ENV: "test" }).API_KEY).toBeUndefined();
  });
});
