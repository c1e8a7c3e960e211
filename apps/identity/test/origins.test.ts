import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { loadEnv } from "@mercato/kit";
import { freePort, startPlatform, TEST_SERVICE_KEYS, type TestPlatform, testSigningKey } from "@mercato/testing";
import { parseOriginList, trustedOrigins } from "../src/domain/origins.ts";
import { identityEnvSchema } from "../src/env.ts";
import { uniqueEmail } from "./harness.ts";

/**
 * A shopper opens the storefront at http://127.0.0.1:<port> instead of http://localhost:<port>.
 * Identity runs in development mode behind the real gateway; requests carry what a browser's
 * fetch from that page carries (Origin and the Fetch Metadata headers that make better-auth check it).
 */
let platform: TestPlatform<"identity", "identity">;
let shopPort: number;
/** An address the gateway lets through (its CORS list) but identity was not told about. */
const UNLISTED = "http://shop.unlisted.test";

beforeAll(async () => {
  shopPort = await freePort();
  platform = await startPlatform({
    services: ["identity"],
    inProcess: ["identity"],
    gateway: true,
    env: {
      identity: { NODE_ENV: "development", STOREFRONT_URL: `http://localhost:${shopPort}`, TRUST_PROXY: "true" },
      gateway: {
        CORS_ORIGINS: `http://localhost:${shopPort},http://127.0.0.1:${shopPort},${UNLISTED}`,
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

function fromPage(origin: string, path: string, body: unknown): Promise<Response> {
  const gateway = platform.gateway?.url;
  if (!gateway) throw new Error("no gateway");
  return fetch(`${gateway}/api/auth${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin,
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "cors",
      "sec-fetch-dest": "empty",
    },
    body: JSON.stringify(body),
  });
}

describe("sign-ups and sign-ins from either loopback address in development", () => {
  for (const host of ["127.0.0.1", "localhost"]) {
    test(`a shopper at http://${host}:<port> signs up and signs in through the gateway`, async () => {
      const origin = `http://${host}:${shopPort}`;
      const email = uniqueEmail(host.replace(/\W/g, ""));
      const up = await fromPage(origin, "/sign-up/email", { email, password: "correct-horse-1", name: "Loopback" });
      expect(up.status).toBe(200);
      const inRes = await fromPage(origin, "/sign-in/email", { email, password: "correct-horse-1" });
      expect(inRes.status).toBe(200);
      expect(((await inRes.json()) as { user: { email: string } }).user.email).toBe(email);
      expect(inRes.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
    });
  }

  test("an address identity was not configured for is refused with a sentence naming it, and nothing is written", async () => {
    const before = await userCount();
    const email = uniqueEmail("unlisted");
    const res = await fromPage(UNLISTED, "/sign-up/email", { email, password: "correct-horse-1", name: "Elsewhere" });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({
      code: "INVALID_ORIGIN",
      field: "origin",
      message: `This page's address (${UNLISTED}) is not one this shop accepts sign-ins from. Open the shop at its usual address and try again.`,
    });
    expect(await userCount()).toBe(before);
    const signIn = await fromPage(UNLISTED, "/sign-in/email", { email: "shopper@mercato.dev", password: "x" });
    expect(signIn.status).toBe(403);
    expect(((await signIn.json()) as { message: string }).message).toContain(UNLISTED);
  });
});

async function userCount(): Promise<number> {
  const rows = await platform.inProcess.identity.deps.db.client.execute("SELECT count(*) AS n FROM user");
  return Number(rows.rows[0]?.n);
}

describe("trusted origins from configuration", () => {
  const base = {
    DATABASE_URL: "file:/tmp/unused.db",
    NATS_URL: "nats://127.0.0.1:1",
    REDIS_URL: "redis://127.0.0.1:1",
    SERVICE_SIGNING_KEY: testSigningKey("identity"),
    SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
    BETTER_AUTH_SECRET: "a-production-secret-of-at-least-32-characters",
  };

  test("production trusts only what is configured; development adds each loopback twin", () => {
    const urls = ["https://shop.example/", "https://api.shop.example", "http://localhost:3000"];
    expect(trustedOrigins({ urls, extra: ["https://www.shop.example"], development: false })).toEqual([
      "https://shop.example",
      "https://api.shop.example",
      "http://localhost:3000",
      "https://www.shop.example",
    ]);
    expect(trustedOrigins({ urls, extra: [], development: true })).toEqual([
      "https://shop.example",
      "https://api.shop.example",
      "http://localhost:3000",
      "http://127.0.0.1:3000",
    ]);
    expect(trustedOrigins({ urls: ["http://127.0.0.1:4000"], extra: [], development: true })).toEqual([
      "http://localhost:4000",
      "http://127.0.0.1:4000",
    ]);
  });

  test("TRUSTED_ORIGINS is a comma-separated list of origins", () => {
    expect(parseOriginList(" https://a.example, https://b.example/ ,")).toEqual({
      origins: ["https://a.example", "https://b.example"],
    });
    const env = loadEnv(identityEnvSchema, {
      ...base,
      TRUSTED_ORIGINS: "https://a.example,https://b.example:8443",
    });
    expect(env.TRUSTED_ORIGINS).toEqual(["https://a.example", "https://b.example:8443"]);
  });

  test("start-up refuses a malformed origin, naming the variable", () => {
    for (const bad of ["shop.example", "https://shop.example/path", "ftp://shop.example", "https://a.example,nope"]) {
      expect(() => loadEnv(identityEnvSchema, { ...base, TRUSTED_ORIGINS: bad })).toThrow(
        /Environment variable TRUSTED_ORIGINS is malformed: expected comma-separated origins/,
      );
    }
    expect(() => loadEnv(identityEnvSchema, { ...base, STOREFRONT_URL: "ftp://shop.example" })).toThrow(
      /Environment variable STOREFRONT_URL is malformed/,
    );
  });
});
