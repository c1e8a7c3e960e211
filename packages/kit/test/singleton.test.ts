import { afterAll, beforeAll, expect, test } from "bun:test";
import {
  eventually,
  freePort,
  type NatsServer,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  type TestIssuer,
  testServiceEnv,
} from "@mercato/testing";
import { runningNow, singletonTestService, sweeps } from "./fixtures/singleton-service.ts";

let nats: NatsServer;
let redis: RunningServer;
let issuer: TestIssuer;
let env: Awaited<ReturnType<typeof testServiceEnv>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  env = await testServiceEnv({ service: "cart", nats, redis, issuer });
}, 60_000);

afterAll(async () => {
  env?.dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

test("two instances of a service on one database: its singleton worker runs in one, and moves on a stop", async () => {
  // Two instances: one database file, one NATS (as cart's own user), their own ports.
  const start = async () =>
    singletonTestService.run({ ...env.env, NATS_URL: nats.urlFor("cart"), PORT: String(await freePort()) });
  const a = await start();
  const b = await start();
  try {
    await eventually(async () => runningNow.size === 1, 10_000);
    await Bun.sleep(2_000);
    expect(runningNow.size).toBe(1);
    expect(sweeps.filter((s) => s.event === "start")).toHaveLength(1);

    const [holder, other] = runningNow.has(a.port) ? [a, b] : [b, a];
    // A graceful stop releases the lease: the other instance starts the worker without waiting for the TTL.
    await holder.stop();
    await eventually(async () => runningNow.size === 1 && runningNow.has(other.port), 5_000);
    const stopped = sweeps.find((s) => s.instance === holder.port && s.event === "stop");
    const started = sweeps.find((s) => s.instance === other.port && s.event === "start");
    expect(stopped && started && stopped.at <= started.at).toBe(true);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}, 60_000);
