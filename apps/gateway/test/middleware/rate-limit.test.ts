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
function limitedApp(limits: {
  perIp: number;
  perUser?: number;
  perIpRead?: number;
  perMedia?: number;
  sensitive: number;
}) {
  const metrics = new GatewayMetrics();
  // Each app its own key prefix, so tests do not share counters.
  const limiter = new RateLimiter(redis, recordingLog().log, { prefix: `test:${crypto.randomUUID()}:` });
  limiters.push(limiter);
  const app = tinyApp();
  app.use(clientAddressMiddleware({ trustedProxyHops: 0 }));
  app.use(routingMiddleware());
  app.use(
    rateLimitMiddleware({
      limiter,
      metrics,
      limits: {
        windowMs: 30_000,
        perIp: limits.perIp,
        perUser: limits.perUser ?? limits.perIp,
        // Reads and images as many as writes unless a test says otherwise.
        perIpRead: limits.perIpRead ?? limits.perIp,
        perMedia: limits.perMedia ?? limits.perIp,
        sensitive: limits.sensitive,
      },
    }),
  );
  app.all("*", (c) => {
    const plan = c.var.batchPlan;
    return c.json(plan ? { passed: true, kept: plan.kept, refused: [...plan.refused.keys()] } : { passed: true });
  });
  return { app, metrics, limiter };
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
    // cart.get is a query: the read bucket ran out.
    expect(await metrics.text()).toMatch(/gateway_rate_limited_total\{bucket="read",service="gateway"\} 2/);

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
    // In a batch the checkout is refused at its position; the other call still runs.
    const batch = await call(app, "/trpc/orders.get,orders.checkout/?batch=1", { method: "POST" });
    expect(await batch.json()).toEqual({ passed: true, kept: [0], refused: [1] });
    // Other procedures only pay the broad per-IP limit.
    expect(await send({ path: "/trpc/orders.get", init: { method: "GET" } })).toBe(200);
  });

  test("a batch is charged per call: 30 listings in one request cost 30", async () => {
    const { app } = limitedApp({ perIp: 25, sensitive: 10 });
    const listings = Array.from({ length: 10 }, () => "catalog.products.list").join(",");
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(app, `/trpc/${listings}?batch=1&input={}`)).status);
    // 10 + 10 run; the third batch has 5 calls left in the window: they run, the other 5 are refused.
    expect(statuses).toEqual([200, 200, 200]);
    const third = await call(app, `/trpc/${listings}?batch=1&input={}`);
    expect(third.status).toBe(429);
  });

  test("checkouts batched together: the ones within the limit run, the rest are refused at their positions", async () => {
    const { app } = limitedApp({ perIp: 100, sensitive: 3 });
    const five = Array.from({ length: 5 }, () => "orders.checkout").join(",");
    const inputs = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [i, { json: { email: "a@b.c" } }]));
    const res = await call(app, `/trpc/${five}?batch=1`, { method: "POST", body: JSON.stringify(inputs) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ passed: true, kept: [0, 1, 2], refused: [3, 4] });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  test("guests behind one address check out per cart, not in one shared bucket", async () => {
    const { app } = limitedApp({ perIp: 100, sensitive: 2 });
    const checkoutWith = (cartToken: string) =>
      call(app, "/trpc/orders.checkout", { method: "POST", body: JSON.stringify({ json: { cartToken } }) }).then(
        (r) => r.status,
      );
    const statuses: number[] = [];
    for (let shopper = 0; shopper < 5; shopper++) statuses.push(await checkoutWith(`cart-${shopper}`));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    // One cart still has its own strict limit.
    expect([await checkoutWith("cart-0"), await checkoutWith("cart-0")]).toEqual([200, 429]);
  });

  test("a cart named in the x-cart-token header (the storefront's way) has its own checkout bucket too", async () => {
    const { app } = limitedApp({ perIp: 100, sensitive: 2 });
    const checkoutWith = (cartToken: string) =>
      call(app, "/trpc/orders.checkout", {
        method: "POST",
        headers: { "x-cart-token": cartToken },
        body: JSON.stringify({ json: { email: "g@example.com" } }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let shopper = 0; shopper < 4; shopper++) statuses.push(await checkoutWith(`header-cart-${shopper}`));
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect([await checkoutWith("header-cart-0"), await checkoutWith("header-cart-0")]).toEqual([200, 429]);
  });

  test("with Redis away the strict buckets are counted in the process (closed), the broad ones fail open", async () => {
    // A client whose Redis is gone: every call fails at once.
    const down = connectRedis("redis://127.0.0.1:1", recordingLog().log);
    const limiter = new RateLimiter(down, recordingLog().log, { callTimeoutMs: 200 });
    limiters.push(limiter);
    const offline = tinyApp();
    offline.use(clientAddressMiddleware({ trustedProxyHops: 0 }));
    offline.use(routingMiddleware());
    offline.use(
      rateLimitMiddleware({
        limiter,
        metrics: new GatewayMetrics(),
        limits: { windowMs: 30_000, perIp: 1, perUser: 1, perIpRead: 1, perMedia: 1, sensitive: 2 },
      }),
    );
    offline.all("*", (c) => c.json({ passed: true }));
    const signIn = () => call(offline, "/api/auth/sign-in/email", { method: "POST" }).then((r) => r.status);
    expect([await signIn(), await signIn(), await signIn()]).toEqual([200, 200, 429]);
    // Broad limits fail open: more than perIp plain requests go through.
    for (let i = 0; i < 3; i++) expect((await call(offline, "/trpc/cart.get")).status).toBe(200);
    down.destroy();
  });

  test("a burst of reads and images does not spend the writes: Add to cart still runs, and writes keep their limit", async () => {
    const { app, metrics } = limitedApp({ perIp: 3, perIpRead: 20, perMedia: 40, sensitive: 10 });
    const addToCart = () => call(app, "/trpc/cart.addItem", { method: "POST", body: "{}" }).then((r) => r.status);
    // Browsing: 40 images and 20 queries (server renders, prefetches and the browser's own reads).
    const images: number[] = [];
    for (let i = 0; i < 40; i++) images.push((await call(app, `/media/products/p${i}/card.webp`)).status);
    expect(images.every((s) => s === 200)).toBe(true);
    const listings = Array.from({ length: 10 }, () => "catalog.products.list").join(",");
    for (let i = 0; i < 2; i++) expect((await call(app, `/trpc/${listings}?batch=1&input={}`)).status).toBe(200);
    // Both budgets are spent now: one more of each is refused.
    expect((await call(app, "/media/products/extra/card.webp")).status).toBe(429);
    expect((await call(app, "/trpc/catalog.products.list")).status).toBe(429);
    // The purchase's budget is untouched: three writes run, the fourth is refused (abuse still stops).
    expect([await addToCart(), await addToCart(), await addToCart(), await addToCart()]).toEqual([200, 200, 200, 429]);
    const text = await metrics.text();
    expect(text).toMatch(/gateway_rate_limited_total\{bucket="media",service="gateway"\} 1/);
    expect(text).toMatch(/gateway_rate_limited_total\{bucket="read",service="gateway"\} 1/);
    expect(text).toMatch(/gateway_rate_limited_total\{bucket="ip",service="gateway"\} 1/);
  });

  test("a batch of mutations pays the write bucket per call whatever reads were spent", async () => {
    const { app } = limitedApp({ perIp: 2, perIpRead: 1, sensitive: 10 });
    expect((await call(app, "/trpc/cart.get")).status).toBe(200);
    expect((await call(app, "/trpc/cart.get")).status).toBe(429);
    const three = "cart.addItem,cart.addItem,cart.addItem";
    const inputs = JSON.stringify({ 0: { json: {} }, 1: { json: {} }, 2: { json: {} } });
    const res = await call(app, `/trpc/${three}?batch=1`, { method: "POST", body: inputs });
    expect(await res.json()).toEqual({ passed: true, kept: [0, 1], refused: [2] });
  });

  test("Stripe webhooks are never limited", async () => {
    const { app } = limitedApp({ perIp: 1, sensitive: 1 });
    for (let i = 0; i < 3; i++) expect((await call(app, "/webhooks/stripe", { method: "POST" })).status).toBe(200);
    // They do not spend the client's IP bucket either.
    expect((await call(app, "/trpc/cart.get")).status).toBe(200);
  });
});
