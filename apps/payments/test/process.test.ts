import { afterAll, beforeAll, expect, test } from "bun:test";
import {
  freePort,
  type ServiceProcess,
  spawnService,
  TEST_SERVICE_KEYS,
  tempDir,
  testSigningKey,
} from "@mercato/testing";
import { internalClient, newOrderId, publicClient, startInfra } from "./harness.ts";

let infra: Awaited<ReturnType<typeof startInfra>>;
let dir: ReturnType<typeof tempDir>;
let proc: ServiceProcess | undefined;

beforeAll(async () => {
  infra = await startInfra();
  dir = tempDir("mercato-payments-proc-");
}, 30_000);

afterAll(async () => {
  if (proc && proc.proc.exitCode === null) await proc.kill("SIGKILL");
  await infra?.dispose();
  dir?.dispose();
});

test("main.ts runs the service as its own process, takes a payment, and stops cleanly on SIGTERM", async () => {
  proc = await spawnService("payments", {
    PORT: String(await freePort()),
    DATABASE_URL: `file:${dir.path}/payments.db`,
    NATS_URL: infra.nats.url,
    REDIS_URL: infra.redis.url,
    JWKS_URL: infra.issuer.jwksUrl,
    SERVICE_SIGNING_KEY: testSigningKey("payments"),
    SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  });
  const orderId = newOrderId();
  const intent = await internalClient(proc.url).payments.internal.createIntent.mutate({
    orderId,
    userId: null,
    email: "guest@example.com",
    amount: 1234,
    currency: "USD",
  });
  const paid = await publicClient(proc.url).payments.confirmTest.mutate({
    paymentId: intent.paymentId,
    clientSecret: intent.clientSecret,
    card: "4242 4242 4242 4242",
  });
  expect(paid.status).toBe("succeeded");
  expect(await proc.kill("SIGTERM")).toBe(0);
}, 30_000);
