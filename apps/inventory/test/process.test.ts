import { afterAll, beforeAll, expect, test } from "bun:test";
import {
  freePort,
  type RunningServer,
  spawnService,
  startNats,
  startRedis,
  startTestIssuer,
  TEST_SERVICE_KEYS,
  type TestIssuer,
  tempDir,
  testSigningKey,
} from "@mercato/testing";

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
const dir = tempDir("mercato-inventory-proc-");

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
}, 20_000);

afterAll(async () => {
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
  dir.dispose();
});

test("main.ts starts the service as its own process, ready, and stops cleanly on SIGTERM", async () => {
  const service = await spawnService("inventory", {
    PORT: String(await freePort()),
    DATABASE_URL: `file:${dir.path}/inventory.db`,
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    JWKS_URL: issuer.jwksUrl,
    SERVICE_SIGNING_KEY: testSigningKey("inventory"),
    SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
    LOG_LEVEL: "silent",
  });
  const ready = await fetch(`${service.url}/ready`).then((r) => r.json());
  expect(ready).toMatchObject({ service: "inventory", status: "ready" });
  expect(await service.kill("SIGTERM")).toBe(0);
}, 30_000);
