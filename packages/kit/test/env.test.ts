import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { baseEnvSchema, ConfigError, loadEnv } from "../src/index.ts";

const required = {
  PORT: "1",
  DATABASE_URL: "file:/tmp/x.db",
  NATS_URL: "nats://127.0.0.1:4222",
  REDIS_URL: "redis://127.0.0.1:6379",
  JWKS_URL: "http://127.0.0.1:1/jwks",
  SERVICE_SECRET: "s".repeat(32),
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

  test("SERVICE_SECRET has no default in any mode", () => {
    const { SERVICE_SECRET: _omitted, ...rest } = required;
    for (const NODE_ENV of ["development", "test", "production"]) {
      expect(configError(() => loadEnv(baseEnvSchema, { ...rest, NODE_ENV })).message).toBe(
        "Environment variable SERVICE_SECRET is missing: set it to a string.",
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
