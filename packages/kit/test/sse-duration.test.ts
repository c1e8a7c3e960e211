import { afterAll, beforeAll, expect, test } from "bun:test";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";

// Read when the service builds its tRPC (at import), so set before the dynamic import below.
process.env.SSE_MAX_DURATION_MS = "1500";
const { streamService } = await import("./fixtures/stream-service.ts");
delete process.env.SSE_MAX_DURATION_MS;

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let svc: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof streamService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  svc = await startTestService(streamService, { service: "stream", nats, redis, issuer });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

test("a live stream ends after SSE_MAX_DURATION_MS; the client must reconnect, and is authorized again", async () => {
  const jwt = await issuer.sign({ sub: "viewer", email: "v@example.com", sid: "s1" });
  const started = Date.now();
  const res = await fetch(`${svc.url}/trpc/live.ticks`, {
    headers: { authorization: `Bearer ${jwt}`, accept: "text/event-stream" },
  });
  expect(res.status).toBe(200);
  const text = await Promise.race([res.text(), Bun.sleep(10_000).then(() => "timed out")]);
  const took = Date.now() - started;
  expect(text).not.toBe("timed out");
  expect(text).toContain("data: ");
  expect(took).toBeGreaterThanOrEqual(1_400);
  expect(took).toBeLessThan(5_000);

  // The reconnect is a new request: a token that has expired meanwhile is refused.
  const expired = await issuer.sign({ sub: "viewer", email: "v@example.com", sid: "s1" }, "1s");
  await Bun.sleep(2_100);
  const again = await fetch(`${svc.url}/trpc/live.ticks`, {
    headers: { authorization: `Bearer ${expired}`, accept: "text/event-stream" },
  });
  const body = await Promise.race([again.text(), Bun.sleep(5_000).then(() => "")]);
  expect(again.status === 401 || body.includes("UNAUTHORIZED")).toBe(true);
});
