import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import {
  type NatsServer,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  TEST_SERVICE_KEYS,
  type TestIssuer,
  testServiceEnv,
  testServiceSigner,
  testSigningKey,
  waitForHttp,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { SignJWT } from "jose";
import superjson from "superjson";
import {
  baseEnvSchema,
  ConfigError,
  createServiceSigner,
  loadEnv,
  SERVICE_TOKEN_HEADER,
  signingKeyOf,
} from "../src/index.ts";
import { type DemoRouter, demoService } from "./fixtures/demo-service.ts";

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let demo: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof demoService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  demo = await startTestService(demoService, { service: "demo", nats, redis, issuer });
}, 30_000);

afterAll(async () => {
  await demo?.dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

const keysOf = (service: string) => ({
  SERVICE_SIGNING_KEY: testSigningKey(service),
  SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
});

function client(headers: Record<string, string> = {}) {
  return createTRPCClient<DemoRouter>({
    links: [httpBatchLink({ url: `${demo.url}/trpc`, transformer: superjson, headers })],
  });
}

async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCClientError);
  return err as TRPCClientError<DemoRouter>;
}

describe("tRPC on the kit", () => {
  test("answers queries over GET with the request id in context and in the response", async () => {
    const res = await fetch(
      `${demo.url}/trpc/demo.echo?input=${encodeURIComponent(JSON.stringify({ json: { name: "a", quantity: 2 } }))}`,
      {
        headers: { "x-request-id": "req-abc" },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-abc");
    const body = (await res.json()) as { result: { data: { json: { requestId: string } } } };
    expect(body.result.data.json.requestId).toBe("req-abc");
  });

  test("zod failures are BAD_REQUEST naming every failing field", async () => {
    const err = await failure(client().demo.echo.query({ name: "", quantity: -1 }));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.data?.httpStatus).toBe(400);
    expect(err.message).toContain("name:");
    expect(err.message).toContain("quantity:");
  });

  test("a domain error keeps its code and message and names its field in data", async () => {
    const missing = await failure(client().demo.refuse.mutate({ sku: "NOPE-1" }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(missing.data?.httpStatus).toBe(404);
    expect(missing.message).toBe('sku: no product with SKU "NOPE-1"');
    expect(missing.data?.field).toBe("sku");
    expect(missing.data?.reason).toBe('no product with SKU "NOPE-1"');
    const taken = await failure(client().demo.refuse.mutate({ sku: "taken" }));
    expect(taken.data?.code).toBe("CONFLICT");
    expect(taken.data?.httpStatus).toBe(409);
  });

  test("zod failures name their first field in data too", async () => {
    const err = await failure(client().demo.echo.query({ name: "ok", quantity: -1 }));
    expect(err.data?.field).toBe("quantity");
  });

  test("a malformed keyset cursor is a 400 naming the cursor, not a 500", async () => {
    const res = await fetch(
      `${demo.url}/trpc/demo.page?input=${encodeURIComponent(JSON.stringify({ json: { cursor: "garbage!" } }))}`,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { data: { field: string; code: string } } } };
    expect(body.error.json.data).toMatchObject({ field: "cursor", code: "BAD_REQUEST" });
  });

  test("unknown errors are INTERNAL_SERVER_ERROR with no stack, SQL or secret in the body", async () => {
    const res = await fetch(`${demo.url}/trpc/demo.boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain("Internal server error");
    for (const leak of ["SQLITE", "s3cr3t", "password_hash", "at <anonymous>", ".ts:"])
      expect(text).not.toContain(leak);
  });

  test("authed, admin and internal procedures check who is calling", async () => {
    expect((await failure(client().demo.me.query())).data?.code).toBe("UNAUTHORIZED");
    const customer = await issuer.sign({ sub: "u1", email: "c@example.com" });
    const admin = await issuer.sign({ sub: "u2", email: "a@example.com", role: "admin" });
    expect(await client({ authorization: `Bearer ${customer}` }).demo.me.query()).toEqual({
      id: "u1",
      email: "c@example.com",
      role: "customer",
      permissions: [],
      sellerId: null,
      refundLimit: null,
      customerGroup: null,
    });
    const forbidden = await failure(client({ authorization: `Bearer ${customer}` }).demo.adminOnly.query());
    expect(forbidden.data).toMatchObject({ code: "FORBIDDEN", field: "permission" });
    expect(forbidden.message).toContain('"settings.write"');
    expect(await client({ authorization: `Bearer ${admin}` }).demo.adminOnly.query()).toBe("secret admin things");

    const expired = await issuer.sign({ sub: "u1", email: "c@example.com" }, "-1m");
    expect((await failure(client({ authorization: `Bearer ${expired}` }).demo.me.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
    const otherIssuer = await startTestIssuer();
    const forged = await otherIssuer.sign({ sub: "u1", email: "c@example.com", role: "admin" });
    otherIssuer.stop();
    expect((await failure(client({ authorization: `Bearer ${forged}` }).demo.adminOnly.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );

    expect((await failure(client().demo.internalOnly.query())).data?.code).toBe("UNAUTHORIZED");
    const token = await testServiceSigner("orders")("demo");
    expect(await client({ [SERVICE_TOKEN_HEADER]: token }).demo.internalOnly.query()).toEqual({ caller: "orders" });
    // A real Ed25519 key, but not the one the platform knows for orders.
    const strangerKey = createServiceSigner(testSigningKey("a-stranger"), "orders");
    expect(
      (await failure(client({ [SERVICE_TOKEN_HEADER]: await strangerKey("demo") }).demo.internalOnly.query())).data
        ?.code,
    ).toBe("UNAUTHORIZED");
  });

  test("an internal procedure admits only the callers it names: another service gets 403 naming it", async () => {
    const asNotifications = await testServiceSigner("notifications")("demo");
    const err = await failure(client({ [SERVICE_TOKEN_HEADER]: asNotifications }).demo.internalOnly.query());
    expect(err.data?.code).toBe("FORBIDDEN");
    expect(err.data).toMatchObject({ field: "caller", reason: "notifications may not call demo.internalOnly" });
  });

  test("a service credential without exp, expired, living too long, for another callee or claiming another caller is refused", async () => {
    const ordersKey = signingKeyOf(testSigningKey("orders"));
    const base = (iss = "orders") => new SignJWT({}).setProtectedHeader({ alg: "EdDSA" }).setIssuer(iss);
    const refused = {
      noExp: await base().setAudience("demo").setIssuedAt().sign(ordersKey),
      expired: await base()
        .setAudience("demo")
        .setIssuedAt(Math.floor(Date.now() / 1000) - 400)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 100)
        .sign(ordersKey),
      forever: await base().setAudience("demo").setIssuedAt().setExpirationTime("30d").sign(ordersKey),
      noIat: await base().setAudience("demo").setExpirationTime("5m").sign(ordersKey),
      otherAudience: await testServiceSigner("orders")("payments"),
      // orders' key, claiming to be payments: the key is picked by `iss`, and payments' does not match.
      otherIssuer: await base("payments").setAudience("demo").setIssuedAt().setExpirationTime("5m").sign(ordersKey),
      // A shared-secret (HS256) token of the old scheme.
      hmac: await new SignJWT({})
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer("orders")
        .setAudience("demo")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(new TextEncoder().encode("test-service-secret-0123456789abcdef")),
    };
    for (const [what, token] of Object.entries(refused)) {
      const err = await failure(client({ [SERVICE_TOKEN_HEADER]: token }).demo.internalOnly.query());
      expect([what, err.data?.code]).toEqual([what, "UNAUTHORIZED"]);
    }
    // The same claims, properly signed, pass: the refusals above are about the claim each breaks.
    const fine = await base().setAudience("demo").setIssuedAt().setExpirationTime("5m").sign(ordersKey);
    expect(await client({ [SERVICE_TOKEN_HEADER]: fine }).demo.internalOnly.query()).toEqual({ caller: "orders" });
  });

  test("/metrics counts calls and latency per procedure", async () => {
    await client().demo.echo.query({ name: "m", quantity: 1 });
    const text = await (await fetch(`${demo.url}/metrics`)).text();
    expect(text).toMatch(/trpc_calls_total\{procedure="demo.echo",type="query",code="OK",service="demo"\} \d+/);
    expect(text).toMatch(
      /trpc_call_duration_seconds_bucket\{le="0.005",service="demo",procedure="demo.echo",type="query"\} \d+/,
    );
  });
});

describe("readiness and configuration", () => {
  test("/ready reports which dependency is down, and recovers", async () => {
    expect((await fetch(`${demo.url}/ready`)).status).toBe(200);
    await redis.stop();
    const res = await fetch(`${demo.url}/ready`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { message: string; checks: Record<string, string> };
    expect(body.message).toBe("redis is down");
    expect(body.checks.database).toBe("up");
    expect(body.checks.nats).toBe("up");
    await redis.restart();
    await waitForHttp(`${demo.url}/ready`, 10_000);
  }, 20_000);

  test("a missing env variable is one sentence naming it", () => {
    const env = { PORT: "1", DATABASE_URL: "file:/tmp/x.db", REDIS_URL: "redis://x", JWKS_URL: "http://x/jwks" };
    const err = (() => {
      try {
        loadEnv(baseEnvSchema, { ...env, ...keysOf("demo") });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe("Environment variable NATS_URL is missing: set it to a string.");
    expect(() =>
      loadEnv(baseEnvSchema, { ...env, ...keysOf("demo"), NATS_URL: "nats://x", SERVICE_SIGNING_KEY: "short" }),
    ).toThrow("Environment variable SERVICE_SIGNING_KEY is malformed: expected an Ed25519 private JWK");
  });
});

describe("process lifecycle", () => {
  const main = fileURLToPath(new URL("./fixtures/demo-main.ts", import.meta.url));

  test("a missing env variable stops start-up with exit 1 and a sentence on stderr", async () => {
    const { env, dispose } = await testServiceEnv({ service: "demo", nats, redis, issuer });
    const { NATS_URL: _omitted, ...withoutNats } = env;
    const proc = Bun.spawn(["bun", main], { env: { PATH: process.env.PATH, ...withoutNats }, stderr: "pipe" });
    expect(await proc.exited).toBe(1);
    expect(await new Response(proc.stderr).text()).toContain("Environment variable NATS_URL is missing");
    dispose();
  });

  test("production start-up without its private key, with a malformed one or with another service's, refuses naming SERVICE_SIGNING_KEY", async () => {
    const { env, dispose } = await testServiceEnv({ service: "demo", nats, redis, issuer });
    const { SERVICE_SIGNING_KEY: _omitted, ...withoutKey } = env;
    const cases: [Record<string, string>, string][] = [
      [withoutKey, "Environment variable SERVICE_SIGNING_KEY is missing"],
      [
        { ...env, SERVICE_SIGNING_KEY: '{"kty":"oct","k":"c2VjcmV0"}' },
        "Environment variable SERVICE_SIGNING_KEY is malformed",
      ],
      // A public key where the private one belongs.
      [
        { ...env, SERVICE_SIGNING_KEY: JSON.stringify({ ...JSON.parse(testSigningKey("demo")), d: undefined }) },
        "Environment variable SERVICE_SIGNING_KEY is malformed",
      ],
      [
        { ...env, SERVICE_SIGNING_KEY: testSigningKey("orders") },
        "Environment variable SERVICE_SIGNING_KEY is not demo's key",
      ],
      // A private key in the public map (which is not kept secret) is refused too.
      [
        { ...env, SERVICE_PUBLIC_KEYS: JSON.stringify({ demo: JSON.parse(testSigningKey("demo")) }) },
        "Environment variable SERVICE_PUBLIC_KEYS is malformed",
      ],
    ];
    for (const [caseEnv, message] of cases) {
      const proc = Bun.spawn(["bun", main], {
        env: { PATH: process.env.PATH, ...caseEnv, NODE_ENV: "production", NATS_URL: nats.url },
        stderr: "pipe",
      });
      expect(await proc.exited).toBe(1);
      const stderr = await new Response(proc.stderr).text();
      expect(stderr).toContain(message);
      // The key itself is never echoed.
      expect(stderr).not.toContain(JSON.parse(testSigningKey("demo")).d);
    }
    dispose();
  }, 30_000);

  test("in production, a NATS_URL without credentials stops start-up naming NATS_URL", async () => {
    const { env, dispose } = await testServiceEnv({ service: "demo", nats, redis, issuer });
    const bare = (nats as NatsServer).bareUrl;
    const proc = Bun.spawn(["bun", main], {
      env: { PATH: process.env.PATH, ...env, NODE_ENV: "production", NATS_URL: bare },
      stderr: "pipe",
    });
    expect(await proc.exited).toBe(1);
    expect(await new Response(proc.stderr).text()).toContain("Environment variable NATS_URL has no credentials");
    dispose();
  });

  test("SIGTERM during a slow request lets it finish, then exits 0", async () => {
    const { env, dispose } = await testServiceEnv({ service: "demo", nats, redis, issuer });
    const proc = Bun.spawn(["bun", main], { env: { ...process.env, ...env }, stdout: "ignore", stderr: "ignore" });
    const url = `http://127.0.0.1:${env.PORT}`;
    await waitForHttp(`${url}/ready`);
    const slow = createTRPCClient<DemoRouter>({
      links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson })],
    }).demo.slow.mutate({ ms: 1_000 });
    await Bun.sleep(200);
    proc.kill("SIGTERM");
    expect(await slow).toEqual({ slept: 1_000 });
    expect(await proc.exited).toBe(0);
    dispose();
  }, 20_000);
});
