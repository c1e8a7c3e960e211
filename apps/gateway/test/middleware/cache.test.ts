import { describe, expect, test } from "bun:test";
import { ResponseCache } from "../../src/cache/response-cache.ts";
import type { Destination, GatewayMiddleware } from "../../src/context.ts";
import { GatewayMetrics } from "../../src/metrics.ts";
import { cacheMiddleware } from "../../src/middleware/cache.ts";
import { UpstreamError } from "../../src/upstreams.ts";
import { call, given, tinyApp } from "./helpers.ts";

const catalog: Destination = { service: "catalog", procedures: ["catalog.products.list"], trpc: true };

/**
 * The cache between a step that sets a header before it (as CORS does) and a stand-in for the
 * proxy that answers like the catalog: public for 30 s, with its own per-procedure ETag.
 */
function cachedApp(opts: { destination?: Destination; answer?: () => Response } = {}) {
  const metrics = new GatewayMetrics();
  const cache = new ResponseCache(1024 * 1024, metrics);
  cache.setOnline(true);
  const upstreamCalls: { path: string }[] = [];
  const earlierStep: GatewayMiddleware = async (c, next) => {
    c.res.headers.set("access-control-allow-origin", "http://localhost:3000");
    await next();
  };
  const app = tinyApp();
  app.use(given({ destination: opts.destination ?? catalog }), earlierStep, cacheMiddleware({ cache, metrics }));
  app.all("*", (c) => {
    upstreamCalls.push({ path: c.req.path });
    return (
      opts.answer?.() ??
      Response.json(
        { result: { data: { n: upstreamCalls.length } } },
        { headers: { "cache-control": "public, max-age=30", etag: '"service-tag"', "x-served-by": "catalog" } },
      )
    );
  });
  return { app, cache, metrics, upstreamCalls };
}

const list = "/trpc/catalog.products.list?input=%7B%7D";

describe("cache middleware", () => {
  test("a public catalog query is asked once, then answered from the cache with our ETag and a 304", async () => {
    const { app, metrics, upstreamCalls } = cachedApp();
    const miss = await call(app, list, { headers: { "x-request-id": "req-1" } });
    expect(miss.headers.get("x-cache")).toBe("MISS");
    const body = await miss.text();
    expect(body).toBe('{"result":{"data":{"n":1}}}');
    expect(upstreamCalls).toHaveLength(1);

    const hit = await call(app, list);
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(await hit.text()).toBe(body);
    expect(upstreamCalls).toHaveLength(1);

    const etag = miss.headers.get("etag")!;
    expect(etag).not.toBe('"service-tag"');
    expect(hit.headers.get("etag")).toBe(etag);
    const revalidated = await call(app, list, { headers: { "if-none-match": `W/${etag}` } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");

    const text = await metrics.text();
    expect(text).toMatch(/gateway_cache_requests_total\{result="miss",service="gateway"\} 1/);
    expect(text).toMatch(/gateway_cache_requests_total\{result="hit",service="gateway"\} 2/);
  });

  test("a stored answer carries what the earlier steps set and none of the service's own headers", async () => {
    const { app } = cachedApp();
    for (const id of ["req-miss", "req-hit"]) {
      const res = await call(app, list, { headers: { "x-request-id": id } });
      expect(res.headers.get("x-request-id")).toBe(id);
      expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
      expect(res.headers.get("x-served-by")).toBeNull();
      expect(res.headers.get("cache-control")).toBe("public, max-age=30");
      expect(res.headers.get("content-type")).toContain("application/json");
    }
  });

  test("personal requests bypass the cache both ways", async () => {
    const { app, upstreamCalls } = cachedApp();
    const personal = await call(app, list, { headers: { authorization: "Bearer x" } });
    expect(personal.headers.get("x-cache")).toBe("BYPASS");
    expect(personal.headers.get("etag")).toBe('"service-tag"');
    expect((await call(app, list, { headers: { cookie: "session=abc" } })).headers.get("x-cache")).toBe("BYPASS");
    expect((await call(app, list)).headers.get("x-cache")).toBe("MISS");
    // Both personal requests went to the service; the anonymous one was asked anew (nothing stored).
    expect(upstreamCalls).toHaveLength(3);
  });

  test("an answer the service did not mark public is passed on and not stored", async () => {
    const { app, upstreamCalls } = cachedApp({
      answer: () => Response.json({ ok: true }, { headers: { "cache-control": "private, max-age=30" } }),
    });
    expect((await call(app, list)).headers.get("x-cache")).toBe("MISS");
    expect((await call(app, list)).headers.get("x-cache")).toBe("MISS");
    expect(upstreamCalls).toHaveLength(2);
  });

  test("a purge empties it: the next request asks the service again", async () => {
    const { app, cache, upstreamCalls } = cachedApp();
    await call(app, list);
    expect((await call(app, list)).headers.get("x-cache")).toBe("HIT");
    cache.purge();
    expect((await call(app, list)).headers.get("x-cache")).toBe("MISS");
    expect(upstreamCalls).toHaveLength(2);
  });

  test("the trpc-accept format is part of the key", async () => {
    const { app } = cachedApp();
    await call(app, list);
    const lines = await call(app, list, { headers: { "trpc-accept": "application/jsonl" } });
    expect(lines.headers.get("x-cache")).toBe("MISS");
  });

  test("other services, mutations and plain HTTP routes are not its business", async () => {
    const cart: Destination = { service: "cart", procedures: ["cart.get"], trpc: true };
    expect((await call(cachedApp({ destination: cart }).app, "/trpc/cart.get")).headers.get("x-cache")).toBeNull();
    const { app } = cachedApp();
    expect(
      (await call(app, "/trpc/catalog.admin.products.update", { method: "POST" })).headers.get("x-cache"),
    ).toBeNull();
    const media: Destination = { service: "catalog", procedures: [], trpc: false };
    expect((await call(cachedApp({ destination: media }).app, "/media/shirt.svg")).headers.get("x-cache")).toBeNull();
  });

  test("a service that cannot answer is the gateway's 503, with no cache verdict on it", async () => {
    const { app } = cachedApp({
      answer: () => {
        throw new UpstreamError("catalog", "unreachable", 503, "catalog is unavailable");
      },
    });
    const res = await call(app, list);
    expect(res.status).toBe(503);
    expect(res.headers.get("x-cache")).toBeNull();
    expect(await res.json()).toMatchObject({ error: { message: "catalog is unavailable" } });
  });
});
