import { describe, expect, test } from "bun:test";
import { ConfigError, loadEnv } from "@mercato/kit";
import { notificationsEnvSchema } from "../src/env.ts";
import { REQUIRED_ENV } from "./support.ts";

const required = REQUIRED_ENV;
/** The email checks below, with SMS and push turned off (their own refusals are tested apart). */
const emailOnly = { ...required, SMS_TRANSPORT: "off", WEB_PUSH: "false" };

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadEnv(notificationsEnvSchema, { ...emailOnly, ...env });
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
    expect(loadEnv(notificationsEnvSchema, { ...emailOnly, RESEND_API_KEY: "re_live" }).RESEND_API_KEY).toBe("re_live");
    const mailbox = loadEnv(notificationsEnvSchema, {
      ...emailOnly,
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

describe("SMS and web push in production (#22)", () => {
  const sid = `AC${"0".repeat(32)}`;
  const vapid = { VAPID_PUBLIC_KEY: `B${"a".repeat(86)}`, VAPID_PRIVATE_KEY: "b".repeat(43) };
  const twilio = { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: "t".repeat(32), TWILIO_FROM: "+15005550006" };
  const refuse = (env: Record<string, string>) => {
    try {
      loadEnv(notificationsEnvSchema, { ...required, RESEND_API_KEY: "re_live", ...env });
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    throw new Error("expected a ConfigError");
  };

  test("without Twilio credentials production refuses, unless SMS is turned off", () => {
    expect(refuse({ ...vapid })).toContain("TWILIO_ACCOUNT_SID");
    expect(refuse({ ...vapid, SMS_TRANSPORT: "log" })).toContain("SMS_TRANSPORT=off");
    expect(refuse({ ...vapid, TWILIO_ACCOUNT_SID: sid })).toContain("TWILIO_AUTH_TOKEN");
    const off = loadEnv(notificationsEnvSchema, {
      ...required,
      RESEND_API_KEY: "re_live",
      ...vapid,
      SMS_TRANSPORT: "off",
    });
    expect(off.SMS_TRANSPORT).toBe("off");
  });

  test("without a VAPID key pair production refuses, unless push is turned off", () => {
    expect(refuse({ ...twilio })).toContain("VAPID_PUBLIC_KEY");
    expect(refuse({ ...twilio, VAPID_PUBLIC_KEY: vapid.VAPID_PUBLIC_KEY })).toContain("VAPID_PRIVATE_KEY");
    const full = loadEnv(notificationsEnvSchema, { ...required, RESEND_API_KEY: "re_live", ...twilio, ...vapid });
    expect(full).toMatchObject({ WEB_PUSH: true, TWILIO_FROM: "+15005550006" });
    const off = loadEnv(notificationsEnvSchema, {
      ...required,
      RESEND_API_KEY: "re_live",
      ...twilio,
      WEB_PUSH: "false",
    });
    expect(off.WEB_PUSH).toBe(false);
  });

  test("development runs the log SMS sender and makes VAPID keys at start", () => {
    const dev = loadEnv(notificationsEnvSchema, { ...required, NODE_ENV: "development" });
    expect(dev.VAPID_PUBLIC_KEY).toBeUndefined();
    expect(dev.WEB_PUSH).toBe(true);
    expect(dev.SMS_TRANSPORT).toBeUndefined();
  });
});
