import { connectRedis, createLogger, createUserVerifier, loadEnv, startTracing, within } from "@mercato/kit";
import { createGatewayApp, type GatewayDeps } from "./app.ts";
import { addBreakerRoute } from "./breakers.ts";
import { startCachePurger } from "./cache/purge.ts";
import { ResponseCache } from "./cache/response-cache.ts";
import { Compressor } from "./compression/compressor.ts";
import { metricsApp } from "./endpoints.ts";
import { gatewayEnvSchema, jwksUrls, upstreamUrls } from "./env.ts";
import { watchReplicas } from "./health.ts";
import { GatewayMetrics } from "./metrics.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { createUpstreams } from "./upstreams.ts";

export interface RunningGateway {
  url: string;
  port: number;
  /** The internal metrics server's URL (`/metrics`), when METRICS_PORT is set. */
  metricsUrl: string | undefined;
  deps: GatewayDeps;
  /** Stops accepting, lets in-flight requests finish (bounded), then closes NATS and Redis. */
  stop(): Promise<void>;
}

/** Starts the gateway from an environment (process.env in production, a literal in tests). */
export async function startGateway(source: Record<string, string | undefined> = process.env): Promise<RunningGateway> {
  const env = loadEnv(gatewayEnvSchema, source);
  const log = createLogger("gateway", env.LOG_LEVEL);
  const tracing = await startTracing("gateway", env);
  const metrics = new GatewayMetrics();
  const redis = connectRedis(env.REDIS_URL, log);
  const cache = new ResponseCache(env.GATEWAY_CACHE_BYTES, metrics);
  const compressor = new Compressor(
    {
      minBytes: env.COMPRESSION_MIN_BYTES,
      brotliQuality: env.COMPRESSION_BROTLI_QUALITY,
      gzipLevel: env.COMPRESSION_GZIP_LEVEL,
    },
    metrics,
  );
  const purger = startCachePurger(env.NATS_URL, cache, log);
  const upstreams = createUpstreams(
    upstreamUrls(env),
    { timeoutMs: env.UPSTREAM_TIMEOUT_MS, halfOpenAfterMs: env.BREAKER_HALF_OPEN_MS },
    metrics,
    log,
  );
  const stopWatchingReplicas = watchReplicas(upstreams, env.REPLICA_PROBE_MS);
  const limiter = new RateLimiter(redis, log, { callTimeoutMs: env.RATE_LIMIT_REDIS_TIMEOUT_MS });
  const verifiers = jwksUrls(env).map((jwksUrl) =>
    createUserVerifier({ jwksUrl, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }),
  );
  const deps: GatewayDeps = { env, log, metrics, cache, compressor, purger, upstreams, limiter, redis, verifiers };
  const app = createGatewayApp(deps);

  // idleTimeout above the services' 3 s SSE ping, so live subscriptions are not cut.
  const server = Bun.serve({ hostname: env.HOST, port: env.PORT, fetch: app.fetch, idleTimeout: 60 });
  const port = server.port ?? env.PORT;
  const url = `http://${env.HOST}:${port}`;
  // Metrics tell an attacker what runs inside: they are served on an internal port only.
  const metricsServer =
    env.METRICS_PORT === undefined
      ? undefined
      : Bun.serve({
          hostname: env.HOST,
          port: env.METRICS_PORT,
          fetch: addBreakerRoute(metricsApp(metrics), upstreams).fetch,
        });
  const metricsUrl = metricsServer ? `http://${env.HOST}:${metricsServer.port}` : undefined;
  log.info({ url, metricsUrl, upstreams: upstreamUrls(env) }, "gateway listening");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info("shutting down");
      const deadline = Bun.sleep(env.SHUTDOWN_TIMEOUT_MS).then(() => "timeout" as const);
      const graceful = server.stop(false).then(() => "done" as const);
      if ((await Promise.race([graceful, deadline])) === "timeout") {
        // Open subscriptions (SSE) never end by themselves; clients reconnect elsewhere.
        log.warn("in-flight requests did not finish in time; closing them");
        if (!(await within(env.SHUTDOWN_TIMEOUT_MS, server.stop(true)))) log.warn("the server did not close in time");
      }
      if (metricsServer && !(await within(env.SHUTDOWN_TIMEOUT_MS, metricsServer.stop(true))))
        log.warn("the metrics server did not close in time");
      stopWatchingReplicas();
      // Every later step is bounded, as in the services (kit's createService): a broker or a Redis
      // that does not answer must not keep the gateway from exiting after SIGTERM.
      const step = async (name: string, work: () => Promise<unknown>) => {
        if (
          !(await within(
            env.SHUTDOWN_TIMEOUT_MS,
            work().catch(() => undefined),
          ))
        )
          log.warn(`${name} did not stop in time`);
      };
      await step("cache purger (NATS)", () => purger.close());
      await step("rate limiter", () => limiter.close());
      // QUIT would wait for a Redis that is away; then there is nothing to flush anyway.
      await step("Redis", async () => (redis.isReady ? redis.close() : redis.destroy()));
      await tracing.shutdown(env.SHUTDOWN_TIMEOUT_MS);
      log.info("stopped");
    })();
    return stopping;
  };
  return { url, port, metricsUrl, deps, stop };
}
