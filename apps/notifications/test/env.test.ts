import { describe, expect, test } from "bun:test";
import { ConfigError, loadEnv } from "@mercato/kit";
import { TEST_SERVICE_KEYS, testSigningKey } from "@mercato/testing";
import { notificationsEnvSchema } from "../src/env.ts";

const required = {
  DATABASE_URL: "file:/tmp/never-opened.db",
  NATS_URL: "nats://127.0.0.1:1",
  REDIS_URL: "redis://127.0.0.1:1",
  JWKS_URL: "http://127.0.0.1:1/jwks",
  SERVICE_SIGNING_KEY: testSigningKey("notifications"),
  SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
};

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadEnv(notificationsEnvSchema, { ...required, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("where email may go", () => {
  test("production (or NODE_ENV unset) without RESEND_API_KEY refuses, naming it", () => {
    for (const env of [{}, { NODE_ENV: "production" }, { ALLOW_MAILBOX_EMAIL: "true" }]) {
      expect(refusal(env)).toStartWith("Environment variable RESEND_API_KEY is missing");
    }
    expect(refusal({})).toContain("EMAIL_TRANSPORT=mailbox and ALLOW_MAILBOX_EMAIL=true");
    expect(refusal({ EMAIL_TRANSPORT: "mailbox" })).toStartWith("Environment variable ALLOW_MAILBOX_EMAIL is missing");
    expect(refusal({ EMAIL_TRANSPORT: "resend" })).toStartWith("Environment variable RESEND_API_KEY is missing");
  });

  test("production takes Resend with a key, or the mailbox chosen explicitly", () => {
    expect(loadEnv(notificationsEnvSchema, { ...required, RESEND_API_KEY: "re_live" }).RESEND_API_KEY).toBe("re_live");
    const mailbox = loadEnv(notificationsEnvSchema, {
      ...required,
      EMAIL_TRANSPORT: "mailbox",
      ALLOW_MAILBOX_EMAIL: "true",
    });
    expect(mailbox).toMatchObject({ NODE_ENV: "production", EMAIL_TRANSPORT: "mailbox", MAILBOX_API: false });
  });

  test("development and tests use the mailbox without asking", () => {
    for (const NODE_ENV of ["development", "test"]) {
      expect(loadEnv(notificationsEnvSchema, { ...required, NODE_ENV }).RESEND_API_KEY).toBeUndefined();
    }
  });
});

describe("the open mailbox API", () => {
  test("is closed unless MAILBOX_API=true, and refused in production", () => {
    expect(loadEnv(notificationsEnvSchema, { ...required, NODE_ENV: "development" }).MAILBOX_API).toBe(false);
    expect(
      loadEnv(notificationsEnvSchema, { ...required, NODE_ENV: "development", MAILBOX_API: "true" }).MAILBOX_API,
    ).toBe(true);
    expect(refusal({ RESEND_API_KEY: "re_live", MAILBOX_API: "true" })).toStartWith(
      "Environment variable MAILBOX_API is malformed: expected false in production",
    );
  });

  test("SEED_DEMO=true is refused in production", () => {
    expect(refusal({ RESEND_API_KEY: "re_live", SEED_DEMO: "true" })).toStartWith(
      "Environment variable SEED_DEMO must not be true in production",
    );
  });
});
