import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import {
  connectRedis,
  createLogger,
  createRevocationCache,
  RevocationUnavailableError,
  revokeSession,
  revokeUserTokens,
} from "../src/index.ts";
import { demoService } from "./fixtures/demo-service.ts";

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let demo: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof demoService.run>>>>>;
let writer: ReturnType<typeof connectRedis>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  demo = await startTestService(demoService, { service: "demo", nats, redis, issuer });
  writer = connectRedis(redis.url, createLogger("revocation-test", "silent"));
  await within(5_000, () =>
    writer.ping().then(
      () => true,
      () => false,
    ),
  );
}, 30_000);

afterAll(async () => {
  await writer?.quit().catch(() => undefined);
  await demo?.dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

const me = (jwt: string) => fetch(`${demo.url}/trpc/demo.me`, { headers: { authorization: `Bearer ${jwt}` } });

/** Polls until `check` holds; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await Bun.sleep(100);
  }
}

describe("the revocation list", () => {
  test("a revoked session, and a user's tokens issued before a revocation, are refused; later ones pass", async () => {
    const cache = createRevocationCache(writer, { refreshMs: 100 });
    const now = Date.now();
    await revokeSession(writer, "sid-gone");
    await revokeUserTokens(writer, "user-reset", now);
    await cache.refresh();
    expect(await cache.isRevoked({ sub: "anyone", sid: "sid-gone" })).toBe(true);
    expect(await cache.isRevoked({ sub: "anyone", sid: "sid-live" })).toBe(false);
    expect(await cache.isRevoked({ sub: "user-reset", ims: now - 1 })).toBe(true);
    expect(await cache.isRevoked({ sub: "user-reset", ims: now + 1 })).toBe(false);
    // Without a millisecond claim, the same second counts as before (refused, never let through).
    expect(await cache.isRevoked({ sub: "user-reset", iat: Math.floor(now / 1000) })).toBe(true);
    expect(await cache.isRevoked({ sub: "user-reset", iat: Math.floor(now / 1000) + 2 })).toBe(false);
    expect(await cache.isRevoked({ sub: "someone-else", iat: 1 })).toBe(false);
  });

  test("fails closed: a copy that cannot be refreshed refuses every token", async () => {
    const dead = connectRedis("redis://127.0.0.1:1", createLogger("revocation-test", "silent"));
    const cache = createRevocationCache(dead, { maxStaleMs: 50 });
    await expect(cache.isRevoked({ sub: "u", sid: "s" })).rejects.toBeInstanceOf(RevocationUnavailableError);
    dead.destroy();
  });
});

describe("a service refuses revoked tokens within seconds", () => {
  test("sign-out (session id) → 401 on the next calls", async () => {
    const jwt = await issuer.sign({ sub: "shopper-1", email: "s1@example.com", sid: "session-1" });
    expect((await me(jwt)).status).toBe(200);
    await revokeSession(writer, "session-1");
    const took = await within(5_000, async () => (await me(jwt)).status === 401);
    expect(took).toBeLessThan(5_000);
    const body = (await (await me(jwt)).json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toMatch(/revoked/);
    // Another session of the same user is untouched.
    const other = await issuer.sign({ sub: "shopper-1", email: "s1@example.com", sid: "session-2" });
    expect((await me(other)).status).toBe(200);
  });

  test("password / ban / role change (user marker) → older tokens 401, a token issued after passes", async () => {
    const old = await issuer.sign({ sub: "shopper-2", email: "s2@example.com", sid: "a" });
    expect((await me(old)).status).toBe(200);
    await Bun.sleep(1_100); // the test issuer's iat has one-second precision
    await revokeUserTokens(writer, "shopper-2");
    await within(5_000, async () => (await me(old)).status === 401);
    await Bun.sleep(1_100);
    const fresh = await issuer.sign({ sub: "shopper-2", email: "s2@example.com", sid: "b" });
    expect((await me(fresh)).status).toBe(200);
  });

  test("an open live stream ends with UNAUTHORIZED once its token is revoked", async () => {
    const jwt = await issuer.sign({ sub: "watcher", email: "w@example.com", sid: "stream-session" });
    const res = await fetch(`${demo.url}/trpc/demo.ticks`, {
      headers: { authorization: `Bearer ${jwt}`, accept: "text/event-stream" },
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const read = async (until: (t: string) => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!until(text)) {
        if (Date.now() > deadline) throw new Error(`stream: not within ${ms} ms:\n${text.slice(-500)}`);
        const chunk = await Promise.race([reader.read(), Bun.sleep(deadline - Date.now()).then(() => null)]);
        if (!chunk) continue;
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
    };
    await read((t) => (t.match(/^data: /gm)?.length ?? 0) >= 3, 5_000);
    const revokedAt = Date.now();
    await revokeSession(writer, "stream-session");
    await read((t) => t.includes("serialized-error"), 5_000);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    expect(text).toContain("UNAUTHORIZED");
    await reader.cancel().catch(() => undefined);
  });
});
