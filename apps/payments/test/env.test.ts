import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ConfigError, loadEnv } from "@mercato/kit";
import { TEST_SERVICE_KEYS, testSigningKey } from "@mercato/testing";
import { paymentsEnvSchema } from "../src/env.ts";
import { type PaymentsUnderTest, publicClient, startInfra, startPayments } from "./harness.ts";

const required = {
  DATABASE_URL: "file:/tmp/never-opened.db",
  NATS_URL: "nats://127.0.0.1:1",
  REDIS_URL: "redis://127.0.0.1:1",
  JWKS_URL: "http://127.0.0.1:1/jwks",
  SERVICE_SIGNING_KEY: testSigningKey("payments"),
  SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
};
const stripe = { STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_abc" };

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadEnv(paymentsEnvSchema, { ...required, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("which provider may run", () => {
  test("production (or NODE_ENV unset) without Stripe keys refuses, naming STRIPE_SECRET_KEY", () => {
    for (const env of [
      {},
      { NODE_ENV: "production" },
      { PAYMENTS_PROVIDER: "test" },
      { ALLOW_TEST_PAYMENTS: "true" },
    ]) {
      expect(refusal(env)).toStartWith("Environment variable STRIPE_SECRET_KEY is missing");
    }
    expect(refusal({})).toContain("PAYMENTS_PROVIDER=test and ALLOW_TEST_PAYMENTS=true");
  });

  test("production takes Stripe with both keys, or the test provider chosen explicitly", () => {
    expect(loadEnv(paymentsEnvSchema, { ...required, ...stripe }).STRIPE_SECRET_KEY).toBe("sk_live_abc");
    const test = loadEnv(paymentsEnvSchema, { ...required, PAYMENTS_PROVIDER: "test", ALLOW_TEST_PAYMENTS: "true" });
    expect(test).toMatchObject({ NODE_ENV: "production", PAYMENTS_PROVIDER: "test", ALLOW_TEST_PAYMENTS: true });
  });

  test("development and tests use the test provider without asking", () => {
    for (const NODE_ENV of ["development", "test"]) {
      expect(loadEnv(paymentsEnvSchema, { ...required, NODE_ENV }).STRIPE_SECRET_KEY).toBeUndefined();
    }
  });

  test("contradictions are refused in every mode", () => {
    expect(refusal({ NODE_ENV: "test", PAYMENTS_PROVIDER: "stripe" })).toStartWith(
      "Environment variable STRIPE_SECRET_KEY is missing",
    );
    expect(refusal({ NODE_ENV: "test", PAYMENTS_PROVIDER: "test", ...stripe })).toStartWith(
      "Environment variable PAYMENTS_PROVIDER is malformed",
    );
    expect(refusal({ STRIPE_SECRET_KEY: "sk_live_abc" })).toContain("STRIPE_WEBHOOK_SECRET");
  });
});

describe("payments.mode", () => {
  let infra: Awaited<ReturnType<typeof startInfra>>;
  let svc: PaymentsUnderTest;
  beforeAll(async () => {
    infra = await startInfra();
    svc = await startPayments(infra);
  }, 30_000);
  afterAll(async () => {
    await svc?.dispose();
    await infra?.dispose();
  });

  test("tells anyone that the test provider takes no real money", async () => {
    expect(await publicClient(svc.url).payments.mode.query()).toEqual({ provider: "test", testMode: true });
  });
});
