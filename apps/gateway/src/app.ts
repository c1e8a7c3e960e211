import type { Logger, RedisClient } from "@mercato/kit";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { type RequestIdVariables, requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { CachePurger } from "./cache/purge.ts";
import type { ResponseCache } from "./cache/response-cache.ts";
import { serveThroughCache } from "./cache/serve.ts";
import { bucketsFor, jwtSubject } from "./domain/rate-limit.ts";
import { routeHttp, routeTrpc, type ServiceName } from "./domain/routing.ts";
import type { GatewayEnv } from "./env.ts";
import { errorResponse } from "./errors.ts";
import { platformHealth } from "./health.ts";
import type { GatewayMetrics } from "./metrics.ts";
import { forward } from "./proxy.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { type Upstream, UpstreamError } from "./upstreams.ts";

export interface GatewayDeps {
  env: GatewayEnv;
  log: Logger;
  metrics: GatewayMetrics;
  cache: ResponseCache;
  purger: CachePurger;
  upstreams: Record<ServiceName, Upstream>;
  limiter: RateLimiter;
  redis: RedisClient;
}

/** On Bun, `app.fetch(req, server)` makes the server the env: it knows the peer address. */
type Bindings = { requestIP?: (req: Request) => { address: string } | null };
type Variables = RequestIdVariables & { route: string; upstream: string };
type Env = { Bindings: Bindings; Variables: Variables };

/** Headers a browser page may read from our answers (set-auth-token is better-auth's bearer). */
const EXPOSED_HEADERS = ["x-request-id", "set-auth-token", "retry-after", "x-cache", "etag"];

export function createGatewayApp(deps: GatewayDeps): Hono<Env> {
  const { env, log, metrics, upstreams } = deps;
  const allowedOrigins = new Set(env.CORS_ORIGINS);
  const app = new Hono<Env>();

  app.use(requestId({ generator: () => Bun.randomUUIDv7() }));
  app.use(async (c, next) => {
    const started = performance.now();
    c.set("route", "other");
    c.set("upstream", "none");
    await next();
    const status = c.res.status;
    metrics.observeRequest(
      c.get("route"),
      c.get("upstream"),
      c.req.method,
      status,
      (performance.now() - started) / 1000,
    );
    if (status >= 500) {
      log.warn({ requestId: c.get("requestId"), method: c.req.method, path: c.req.path, status }, "request failed");
    }
  });
  app.use(
    secureHeaders({
      // An API answers JSON, never pages: nothing may be framed, scripted or embedded from it.
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      // Product images under /media are shown by the storefront, which is another origin.
      crossOriginResourcePolicy: "cross-origin",
    }),
  );
  // Browsers enforce CORS only on reading; refusing foreign origins outright also stops
  // cross-site writes that ride on cookies. Requests without Origin (servers, Stripe) pass.
  app.use(async (c, next) => {
    const origin = c.req.header("origin");
    if (origin && !allowedOrigins.has(origin)) {
      return errorResponse(403, `origin: ${origin} is not allowed`, { trpc: c.req.path.startsWith("/trpc/") });
    }
    await next();
  });
  app.use(
    cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      credentials: true,
      exposeHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    }),
  );
  app.use(
    bodyLimit({
      maxSize: env.BODY_LIMIT_BYTES,
      onError: (c) =>
        errorResponse(413, `body: larger than the ${env.BODY_LIMIT_BYTES} bytes allowed`, {
          trpc: c.req.path.startsWith("/trpc/"),
        }),
    }),
  );

  app.get("/health", async (c) => {
    c.set("route", "/health");
    const { ok, body } = await platformHealth({
      upstreams,
      redis: deps.redis,
      cache: deps.cache,
      purgeFeedConnected: deps.purger.connected,
    });
    return c.json(body, ok ? 200 : 503);
  });
  // The gateway itself can serve as soon as it listens: without Redis limits fail open, without
  // NATS the cache is off. Whether the services can is /health's question.
  app.get("/ready", (c) => {
    c.set("route", "/ready");
    return c.json({ service: "gateway", status: "ready" });
  });
  app.get("/metrics", async (c) => {
    c.set("route", "/metrics");
    return c.text(await metrics.text(), 200, { "content-type": metrics.registry.contentType });
  });

  app.all("/trpc/*", async (c) => {
    c.set("route", "/trpc");
    const route = routeTrpc(c.req.path.slice("/trpc/".length));
    if (!route.ok) return errorResponse(route.status, route.message, { trpc: true });
    c.set("upstream", route.service);
    const refused = await rateLimit(c, route.procedures);
    if (refused) return refused;
    const upstream = upstreams[route.service];
    const target = pathAndQuery(c.req.url);
    const call = (identityEncoding: boolean) =>
      forward(c.req.raw, upstream, { target, requestId: c.get("requestId"), clientIp: clientIp(c), identityEncoding });
    return answer(
      c,
      true,
      route.service === "catalog" && c.req.method === "GET"
        ? // The response format depends on trpc-accept (JSON vs JSON lines), so it is part of the key.
          () =>
            serveThroughCache(c.req.raw, `${c.req.header("trpc-accept") ?? ""} ${target}`, deps.cache, metrics, call)
        : () => call(false),
    );
  });

  app.all("*", async (c) => {
    const service = routeHttp(c.req.path, c.req.method);
    if (!service) return errorResponse(404, `No route ${c.req.method} ${c.req.path}`, { trpc: false });
    c.set("route", routeKind(c.req.path));
    c.set("upstream", service);
    const refused = await rateLimit(c, []);
    if (refused) return refused;
    const target = pathAndQuery(c.req.url);
    return answer(c, false, () =>
      forward(c.req.raw, upstreams[service], { target, requestId: c.get("requestId"), clientIp: clientIp(c) }),
    );
  });

  app.onError((err, c) => {
    log.error({ requestId: c.get("requestId"), err }, "gateway error");
    return errorResponse(500, "Internal server error", { trpc: c.req.path.startsWith("/trpc/") });
  });

  async function rateLimit(c: Context<Env>, procedures: string[]): Promise<Response | undefined> {
    // Stripe retries webhooks on its own schedule; throttling it would only delay payments.
    if (c.req.path === "/webhooks/stripe") return undefined;
    const buckets = bucketsFor(
      { path: c.req.path, procedures, ip: clientIp(c), userId: jwtSubject(c.req.header("authorization")) },
      {
        windowMs: env.RATE_LIMIT_WINDOW_MS,
        perIp: env.RATE_LIMIT_IP,
        perUser: env.RATE_LIMIT_USER,
        sensitive: env.RATE_LIMIT_SENSITIVE,
      },
    );
    const decision = await deps.limiter.check(buckets);
    if (decision.allowed) return undefined;
    metrics.countLimited(decision.bucket.name);
    const seconds = decision.retryAfterSeconds;
    return errorResponse(429, `Too many requests: try again in ${seconds} s`, {
      trpc: c.req.path.startsWith("/trpc/"),
      headers: { "retry-after": String(seconds) },
    });
  }

  function clientIp(c: Context<Env>): string {
    if (env.TRUST_PROXY) {
      const first = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
      if (first) return first;
    }
    return c.env?.requestIP?.(c.req.raw)?.address ?? "unknown";
  }

  return app;
}

/** Runs the upstream call and turns an unavailable service into a 503/504 that names it. */
async function answer(c: Context<Env>, trpc: boolean, call: () => Promise<Response>): Promise<Response> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof UpstreamError) return errorResponse(err.status, err.message, { trpc });
    if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
    throw err;
  }
}

function pathAndQuery(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

function routeKind(path: string): string {
  if (path.startsWith("/api/auth/")) return "/api/auth";
  if (path.startsWith("/media/")) return "/media";
  return path;
}
