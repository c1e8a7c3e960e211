import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { EventBus } from "@mercato/events";
import {
  eventually,
  type NatsServer,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  type TestIssuer,
  testServiceEnv,
} from "@mercato/testing";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { Pinged } from "../../events/test/fixtures/events.ts";
import { effects } from "../../events/test/fixtures/schema.ts";
import { createLogger } from "../src/index.ts";
import type { SystemStatus } from "../src/system/system.ts";
import { dependency, systemTestService } from "./fixtures/system-service.ts";

let nats: NatsServer;
let redis: RunningServer;
let issuer: TestIssuer;
let env: Awaited<ReturnType<typeof testServiceEnv>>;
let service: Awaited<ReturnType<typeof systemTestService.run>>;
let bus: EventBus;
let admin: string;
let customer: string;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  env = await testServiceEnv({ service: "notifications", nats, redis, issuer });
  // As notifications' own NATS user: the system room must work within its permissions.
  service = await systemTestService.run({ ...env.env, NATS_URL: nats.urlFor("notifications") });
  bus = await EventBus.connect(nats.url, "test", createLogger("system-test", "silent"));
  admin = await issuer.sign({ sub: "staff-1", email: "ops@example.com", role: "admin" });
  customer = await issuer.sign({ sub: "c-1", email: "c@example.com" });
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await service?.stop();
  env?.dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

interface TrpcAnswer<T> {
  status: number;
  data?: T;
  error?: { message: string; data?: { code?: string; field?: string } };
}

async function call<T>(
  path: string,
  token: string,
  input?: unknown,
  kind: "query" | "mutation" = "query",
): Promise<TrpcAnswer<T>> {
  const encoded = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url = `${service.url}/trpc/${path}${kind === "query" && encoded ? `?input=${encodeURIComponent(encoded)}` : ""}`;
  const res = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(kind === "mutation" ? { body: encoded ?? "{}" } : {}),
  });
  const body = (await res.json()) as {
    result?: { data: { json: unknown; meta?: unknown } };
    error?: { json: TrpcAnswer<T>["error"] };
  };
  if (body.result) return { status: res.status, data: superjson.deserialize(body.result.data as never) as T };
  return { status: res.status, error: body.error?.json };
}

const status = () => call<SystemStatus>("notifications.system.status", admin);
const replay = (sequence: unknown, token = admin) =>
  call<{ outcome: string; replayedAt: string }>(
    "notifications.system.replayDeadLetter",
    token,
    { sequence },
    "mutation",
  );
const effectCount = async (key: string) =>
  (await service.deps.db.orm.select().from(effects).where(eq(effects.key, key)))[0]?.count ?? 0;

describe("the kit's system room", () => {
  test("shows the process, its outbox and its consumer; staff with settings.write only", async () => {
    const answer = await status();
    expect(answer.status).toBe(200);
    const s = answer.data as SystemStatus;
    expect(s.service).toBe("notifications");
    expect(s.ready).toBe(true);
    expect(s.checks).toEqual({ database: "up", nats: "up", redis: "up" });
    expect(s.version).toMatch(/^\d+\.\d+\.\d+|unknown/);
    expect(s.memory.rssBytes).toBeGreaterThan(0);
    expect(s.eventLoopDelayMs.p99).toBeGreaterThanOrEqual(0);
    expect(s.outbox).toEqual({ pending: 0, oldestAgeMs: null });
    expect(s.consumers.map((c) => c.durable)).toEqual(["notifications-notifications"]);
    expect(s.deadLetters).toEqual({ total: 0, items: [] });

    const refused = await call("notifications.system.status", customer);
    expect(refused.status).toBe(403);
    const anonymous = await fetch(`${service.url}/trpc/notifications.system.status`);
    expect(anonymous.status).toBe(401);
    // The service's own procedures still answer beside the kit's.
    expect((await call<string>("notifications.hello", customer)).data).toBe("hi");
  });

  test("a dead letter is listed with its reason and replayed once, however often it is asked", async () => {
    dependency.down = true;
    await bus.publish(Pinged, { n: 1, note: "first" });
    const listed = await eventually(async () => {
      const s = (await status()).data;
      return s?.deadLetters.total === 1 && s.deadLetters.items[0];
    }, 30_000);
    expect(listed).toMatchObject({
      consumer: "notifications",
      eventType: Pinged.type,
      subject: `deadletter.notifications.${Pinged.type}`,
      reason: "catalog did not answer",
      deliveryCount: 2,
      replayedAt: null,
    });
    expect(listed.eventId).toBeString();
    expect(Date.parse(listed.at)).toBeGreaterThan(Date.now() - 120_000);

    // Still down: the replay fails with the reason, names the field, and leaves it replayable.
    const again = await replay(listed.sequence);
    expect(again.status).toBe(503);
    expect(again.error?.data?.field).toBe("sequence");
    expect(again.error?.message).toContain("catalog did not answer");
    expect(await effectCount("first")).toBe(0);

    dependency.down = false;
    const done = await replay(listed.sequence);
    expect(done.status).toBe(200);
    expect(done.data?.outcome).toBe("replayed");
    expect(await effectCount("first")).toBe(1);

    const twice = await replay(listed.sequence);
    expect(twice.data?.outcome).toBe("already-replayed");
    expect(await effectCount("first")).toBe(1);
    const after = (await status()).data?.deadLetters.items[0];
    expect(after?.replayedBy).toBe("ops@example.com");
    expect(after?.replayedAt).toBe(done.data?.replayedAt ?? "");
  }, 60_000);

  test("two replays at once run the handler once", async () => {
    dependency.down = true;
    await bus.publish(Pinged, { n: 2, note: "second" });
    const letter = await eventually(async () => {
      const s = (await status()).data;
      return s?.deadLetters.items.find((i) => i.reason && i.replayedAt === null);
    }, 30_000);
    dependency.down = false;
    const answers = await Promise.all([replay(letter.sequence), replay(letter.sequence), replay(letter.sequence)]);
    expect(answers.filter((a) => a.data?.outcome === "replayed")).toHaveLength(1);
    for (const a of answers) if (a.status !== 200) expect(a.error?.data?.field).toBe("sequence");
    expect(await effectCount("second")).toBe(1);
  }, 60_000);

  test("bad input is a 4xx naming the field; another service's letter is not ours", async () => {
    const negative = await replay(-1);
    expect(negative.status).toBe(400);
    expect(negative.error?.data?.field).toBe("sequence");
    const missing = await replay(999_999);
    expect(missing.status).toBe(404);
    expect(missing.error?.data?.field).toBe("sequence");
    // A dead letter of orders' consumer, in the same stream: notifications cannot replay it.
    const ack = await bus.js.publish(`deadletter.orders.${Pinged.type}`, "{}");
    const foreign = await replay(ack.seq);
    expect(foreign.status).toBe(404);
    expect((await replay(1, customer)).status).toBe(403);
  });
});
