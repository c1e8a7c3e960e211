import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import {
  type NatsServer,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  TEST_SERVICE_SECRET,
  type TestIssuer,
  testServiceEnv,
  waitForHttp,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { SignJWT } from "jose";
import superjson from "superjson";
import { baseEnvSchema, ConfigError, createServiceSigner, loadEnv, SERVICE_TOKEN_HEADER } from "../src/index.ts";
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
    });
    const forbidden = await failure(client({ authorization: `Bearer ${customer}` }).demo.adminOnly.query());
    expect(forbidden.data?.code).toBe("FORBIDDEN");
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
    const token = await createServiceSigner(TEST_SERVICE_SECRET, "orders")();
    expect(await client({ [SERVICE_TOKEN_HEADER]: token }).demo.internalOnly.query()).toEqual({ caller: "orders" });
    const wrongSecret = await createServiceSigner("another-secret-that-is-long-enough-000", "orders")();
    expect((await failure(client({ [SERVICE_TOKEN_HEADER]: wrongSecret }).demo.internalOnly.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
  });

  test("an internal procedure admits only the callers it names: another service gets 403 naming it", async () => {
    const asNotifications = await createServiceSigner(TEST_SERVICE_SECRET, "notifications")();
    const err = await failure(client({ [SERVICE_TOKEN_HEADER]: asNotifications }).demo.internalOnly.query());
    expect(err.data?.code).toBe("FORBIDDEN");
    expect(err.data).toMatchObject({ field: "caller", reason: "notifications may not call demo.internalOnly" });
  });

  test("a service credential without exp, or living too long, is refused", async () => {
    const key = new TextEncoder().encode(TEST_SERVICE_SECRET);
    const base = () => new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("orders");
    const noExp = await base().setAudience("mercato-internal").setIssuedAt().sign(key);
    const forever = await base().setAudience("mercato-internal").setIssuedAt().setExpirationTime("30d").sign(key);
    const noIat = await base().setAudience("mercato-internal").setExpirationTime("5m").sign(key);
    for (const token of [noExp, forever, noIat]) {
      const err = await failure(client({ [SERVICE_TOKEN_HEADER]: token }).demo.internalOnly.query());
      expect(err.data?.code).toBe("UNAUTHORIZED");
    }
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
        loadEnv(baseEnvSchema, { ...env, SERVICE_SECRET: "x".repeat(32) });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe("Environment variable NATS_URL is missing: set it to a string.");
    expect(() => loadEnv(baseEnvSchema, { ...env, NATS_URL: "nats://x", SERVICE_SECRET: "short" })).toThrow(
      "Environment variable SERVICE_SECRET is malformed: expected at least 32 characters.",
    );
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
