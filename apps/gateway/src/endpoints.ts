import type { RedisClient } from "@mercato/kit";
import { Hono } from "hono";
import type { CachePurger } from "./cache/purge.ts";
import type { ResponseCache } from "./cache/response-cache.ts";
import type { GatewayHonoEnv } from "./context.ts";
import { platformHealth } from "./health.ts";
import type { GatewayMetrics } from "./metrics.ts";
import type { Upstreams } from "./upstreams.ts";

/** How long one /health answer is reused: a flood of probes asks each service once a second at most. */
export const HEALTH_CACHE_MS = 1_000;

/**
 * What the gateway answers itself on its public port, never routed nor rate limited: /health and
 * /ready. /metrics is served on the internal metrics port only (`metricsApp`).
 */
export function gatewayEndpoints(deps: {
  upstreams: Upstreams;
  redis: RedisClient;
  cache: ResponseCache;
  purger: CachePurger;
  metrics: GatewayMetrics;
}): Hono<GatewayHonoEnv> {
  const endpoints = new Hono<GatewayHonoEnv>();
  let last: { at: number; answer: ReturnType<typeof platformHealth> } | undefined;
  endpoints.get("/health", async (c) => {
    c.set("route", "/health");
    const now = Date.now();
    if (!last || now - last.at >= HEALTH_CACHE_MS) {
      last = {
        at: now,
        answer: platformHealth({
          upstreams: deps.upstreams,
          redis: deps.redis,
          cache: deps.cache,
          purgeFeedConnected: deps.purger.connected,
        }),
      };
    }
    const { ok, body } = await last.answer;
    return c.json(body, ok ? 200 : 503, { "cache-control": `max-age=${HEALTH_CACHE_MS / 1000}` });
  });
  // The gateway itself can serve as soon as it listens: without Redis limits fail open, without
  // NATS the cache is off. Whether the services can is /health's question.
  endpoints.get("/ready", (c) => {
    c.set("route", "/ready");
    return c.json({ service: "gateway", status: "ready" });
  });
  return endpoints;
}

/** The internal metrics port's app: GET /metrics (Prometheus), nothing else. */
export function metricsApp(metrics: GatewayMetrics): Hono {
  const app = new Hono();
  app.get("/metrics", async (c) => c.text(await metrics.text(), 200, { "content-type": metrics.registry.contentType }));
  return app;
}
