import type { RedisClient } from "@mercato/kit";
import { Hono } from "hono";
import type { CachePurger } from "./cache/purge.ts";
import type { ResponseCache } from "./cache/response-cache.ts";
import type { GatewayHonoEnv } from "./context.ts";
import { platformHealth } from "./health.ts";
import type { GatewayMetrics } from "./metrics.ts";
import type { Upstreams } from "./upstreams.ts";

/** What the gateway answers itself, never routed nor rate limited: /health, /ready, /metrics. */
export function gatewayEndpoints(deps: {
  upstreams: Upstreams;
  redis: RedisClient;
  cache: ResponseCache;
  purger: CachePurger;
  metrics: GatewayMetrics;
}): Hono<GatewayHonoEnv> {
  const endpoints = new Hono<GatewayHonoEnv>();
  endpoints.get("/health", async (c) => {
    c.set("route", "/health");
    const { ok, body } = await platformHealth({
      upstreams: deps.upstreams,
      redis: deps.redis,
      cache: deps.cache,
      purgeFeedConnected: deps.purger.connected,
    });
    return c.json(body, ok ? 200 : 503);
  });
  // The gateway itself can serve as soon as it listens: without Redis limits fail open, without
  // NATS the cache is off. Whether the services can is /health's question.
  endpoints.get("/ready", (c) => {
    c.set("route", "/ready");
    return c.json({ service: "gateway", status: "ready" });
  });
  endpoints.get("/metrics", async (c) => {
    c.set("route", "/metrics");
    return c.text(await deps.metrics.text(), 200, { "content-type": deps.metrics.registry.contentType });
  });
  return endpoints;
}
