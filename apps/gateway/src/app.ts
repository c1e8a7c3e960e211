import { createAccessLog, type Logger, type RedisClient } from "@mercato/kit";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { CachePurger } from "./cache/purge.ts";
import type { ResponseCache } from "./cache/response-cache.ts";
import type { Compressor } from "./compression/compressor.ts";
import type { GatewayHonoEnv } from "./context.ts";
import { gatewayEndpoints } from "./endpoints.ts";
import type { GatewayEnv } from "./env.ts";
import { gatewayErrorHandler } from "./errors.ts";
import type { GatewayMetrics } from "./metrics.ts";
import { accessLogMiddleware } from "./middleware/access-log.ts";
import { authenticationMiddleware, type VerifyUser } from "./middleware/authentication.ts";
import { bodyLimitMiddleware } from "./middleware/body-limit.ts";
import { cacheMiddleware } from "./middleware/cache.ts";
import { clientAddressMiddleware } from "./middleware/client-address.ts";
import { compressionMiddleware } from "./middleware/compression.ts";
import { metricsMiddleware } from "./middleware/metrics.ts";
import { originCheckMiddleware } from "./middleware/origin-check.ts";
import { proxyMiddleware } from "./middleware/proxy.ts";
import { rateLimitMiddleware } from "./middleware/rate-limit.ts";
import { routingMiddleware } from "./middleware/routing.ts";
import { secureHeadersMiddleware } from "./middleware/secure-headers.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { restEndpoints } from "./rest/endpoints.ts";
import { tracingMiddleware } from "./tracing.ts";
import type { Upstreams } from "./upstreams.ts";

export interface GatewayDeps {
  env: GatewayEnv;
  log: Logger;
  metrics: GatewayMetrics;
  cache: ResponseCache;
  /** Compresses answers for clients that accept it (the cache keeps each coding it made). */
  compressor: Compressor;
  purger: CachePurger;
  upstreams: Upstreams;
  limiter: RateLimiter;
  redis: RedisClient;
  /** Verify user JWTs, one per key set (identity's by default). */
  verifiers: VerifyUser[];
}

/** The gateway as one pipeline; each step may answer by itself and end the request there. */
export function createGatewayApp(deps: GatewayDeps): Hono<GatewayHonoEnv> {
  const { env, log, metrics } = deps;
  const app = new Hono<GatewayHonoEnv>();
  app.use(requestId({ generator: () => Bun.randomUUIDv7() }));
  app.use(tracingMiddleware());
  app.use(accessLogMiddleware({ accessLog: createAccessLog(log, env.ACCESS_LOG_SAMPLE_2XX) }));
  app.use(metricsMiddleware({ metrics, log }));
  app.use(secureHeadersMiddleware());
  app.use(originCheckMiddleware({ allowedOrigins: env.CORS_ORIGINS }));
  app.use(bodyLimitMiddleware({ maxBytes: env.BODY_LIMIT_BYTES }));
  // Outside everything that answers, so the gateway's own pages and proxied answers alike are coded.
  app.use(compressionMiddleware({ compressor: deps.compressor }));
  app.route("/", gatewayEndpoints(deps));
  app.route("/", restEndpoints());
  app.use(clientAddressMiddleware({ trustedProxyHops: env.TRUSTED_PROXY_HOPS, webTierSecret: env.WEB_TIER_SECRET }));
  app.use(routingMiddleware({ maxBatchSize: env.MAX_BATCH_SIZE }));
  app.use(
    authenticationMiddleware({
      verifiers: deps.verifiers,
      // Token checks per client address, a bucket of their own beside the per-IP one.
      charge: async (ip) =>
        (
          await deps.limiter.check([
            { name: "ip", key: `tokens:${ip}`, limit: env.RATE_LIMIT_IP, windowMs: env.RATE_LIMIT_WINDOW_MS },
          ])
        ).allowed,
    }),
  );
  app.use(
    rateLimitMiddleware({
      limiter: deps.limiter,
      metrics,
      limits: {
        windowMs: env.RATE_LIMIT_WINDOW_MS,
        perIp: env.RATE_LIMIT_IP,
        perUser: env.RATE_LIMIT_USER,
        perIpRead: env.RATE_LIMIT_READ,
        perMedia: env.RATE_LIMIT_MEDIA,
        sensitive: env.RATE_LIMIT_SENSITIVE,
      },
    }),
  );
  app.use(cacheMiddleware({ cache: deps.cache, metrics, compressor: deps.compressor }));
  app.use(proxyMiddleware({ upstreams: deps.upstreams }));
  app.onError(gatewayErrorHandler(log));
  return app;
}
