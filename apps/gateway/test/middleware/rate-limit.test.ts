import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connectRedis, type RedisClient } from "@mercato/kit";
import { type RunningServer, startRedis } from "@mercato/testing";
import { GatewayMetrics } from "../../src/metrics.ts";
import { clientAddressMiddleware } from "../../src/middleware/client-address.ts";
import { rateLimitMiddleware } from "../../src/middleware/rate-limit.ts";
import { routingMiddleware } from "../../src/middleware/routing.ts";
import { RateLimiter } from "../../src/rate-limiter.ts";
import { call, peer, recordingLog, tinyApp } from "./helpers.ts";

let redisServer: RunningServer;
let redis: RedisClient;
const limiters: RateLimiter[] = [];

beforeAll(async () => {
  redisServer = await startRedis();
  redis = connectRedis(redisServer.url, recordingLog().log);
  while (!redis.isReady) await Bun.sleep(10);
});

afterAll(async () => {
  await Promise.all(limiters.map((l) => l.close()));
  await redis?.close();
  await redisServer?.dispose();
});

/** The steps the rate limit needs before it (who the client is, where the request goes), then it. */
function limitedApp(limits: { perIp: number; perUser?: number; sensitive: number }) {
  const metrics = new GatewayMetrics();
  // Each app its own key prefix, so tests do not share counters.
  const limiter = new RateLimiter(redis, recordingLog().log, { prefix: `test:${crypto.randomUUID()}:` });
  limiters.push(limiter);
  const app = tinyApp();
  app.use(clientAddressMiddleware({ trustProxy: false }));
  app.use(routingMiddleware());
  app.use(
    rateLimitMiddleware({
      limiter,
      metrics,
      limits: {
        windowMs: 30_000,
        perIp: limits.perIp,
        perUser: limits.perUser ?? limits.perIp,
        sensitive: limits.sensitive,
      },
    }),
  );
  app.all("*", (c) => c.json({ passed: true }));
  return { app, metrics };
}

const checkout = (path = "/trpc/orders.checkout") => ({ path, init: { method: "POST" } });

describe("rate limit middleware", () => {
  test("a spent bucket is a 429 with Retry-After, counted by bucket in the metrics", async () => {
    const { app, metrics } = limitedApp({ perIp: 2, sensitive: 10 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(app, "/trpc/cart.get")).status);
    expect(statuses).toEqual([200, 200, 429]);

    const refused = await call(app, "/trpc/cart.get");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(await refused.json()).toMatchObject({
      error: { message: `Too many requests: try again in ${retryAfter} s`, code: "TOO_MANY_REQUESTS" },
    });
    expect(await metrics.text()).toMatch(/gateway_rate_limited_total\{bucket="ip",service="gateway"\} 2/);

    // Another client address has its own bucket.
    expect((await call(app, "/trpc/cart.get", {}, peer("10.9.9.9"))).status).toBe(200);
  });

  test("checkout has a strict bucket of its own, which a trailing slash does not escape", async () => {
    const { app } = limitedApp({ perIp: 100, sensitive: 2 });
    const send = ({ path, init }: ReturnType<typeof checkout>) => call(app, path, init).then((r) => r.status);
    expect(await send(checkout())).toBe(200);
    expect(await send(checkout())).toBe(200);
    // tRPC runs `orders.checkout/` and `orders.checkout//` as orders.checkout: the same bucket.
    expect(await send(checkout("/trpc/orders.checkout/"))).toBe(429);
    expect(await send(checkout("/trpc/orders.checkout//"))).toBe(429);
    expect(await send(checkout("/trpc/orders.get,orders.checkout/?batch=1"))).toBe(429);
    // Other procedures only pay the broad per-IP limit.
    expect(await send({ path: "/trpc/orders.get", init: { method: "GET" } })).toBe(200);
  });

  test("Stripe webhooks are never limited", async () => {
    const { app } = limitedApp({ perIp: 1, sensitive: 1 });
    for (let i = 0; i < 3; i++) expect((await call(app, "/webhooks/stripe", { method: "POST" })).status).toBe(200);
    // They do not spend the client's IP bucket either.
    expect((await call(app, "/trpc/cart.get")).status).toBe(200);
  });
});
