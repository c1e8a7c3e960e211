import { hostname } from "node:os";
import { createDatabase, type Database } from "@mercato/db";
import {
  aborted,
  EventBus,
  type EventHandler,
  LeaseBucket,
  natsConnectOptions,
  OutboxRelay,
  type Singleton,
} from "@mercato/events";
import { isServiceName, MAX_BATCH_SIZE, serviceEntry } from "@mercato/registry";
import type { AnyRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Context, Hono } from "hono";
import { getConnInfo } from "hono/bun";
import { requestId } from "hono/request-id";
import type { z } from "zod";
import { createAccessLog } from "./access-log.ts";
import {
  type AuthUser,
  bearerJwt,
  createServiceSigner,
  createServiceVerifier,
  createTokenVerifier,
  InvalidTokenError,
  SERVICE_TOKEN_HEADER,
  type ServiceTokenSigner,
} from "./auth.ts";
import { clientAddressOf } from "./client-address.ts";
import { requestStore } from "./context-store.ts";
import { type BaseEnv, baseEnvSchema, ConfigError, loadEnv } from "./env.ts";
import { createLogger, type Logger } from "./logger.ts";
import { Metrics } from "./metrics.ts";
import { connectRedis, type RedisClient } from "./redis.ts";
import { mountRest } from "./rest.ts";
import { createRevocationCache, type TokenIdentity } from "./revocation.ts";
import { configureServiceCalls } from "./service-calls.ts";
import { isKeyPair, publicKeysOf, signingKeyOf } from "./service-keys.ts";
import { StreamLimiter } from "./stream-limit.ts";
import { consumerLags, deadLetterCount, outboxBacklog } from "./system/stats.ts";
import { registerSystem, withSystemRouter } from "./system/system.ts";
import { accessTraceId, httpTracing, startTracing } from "./tracing/index.ts";
import type { RequestContext } from "./trpc.ts";

// biome-ignore lint/suspicious/noExplicitAny: mirrors drizzle's schema record
type AnySchema = Record<string, any>;

/** What the kit builds for every service; a service adds its own in `extend`. */
export interface BaseDeps<S extends AnySchema, E extends BaseEnv> {
  name: string;
  env: E;
  log: Logger;
  db: Database<S>;
  bus: EventBus;
  relay: OutboxRelay;
  redis: RedisClient;
  metrics: Metrics;
  /** This service's credential for calling another service's internal procedures: `serviceToken("catalog")`. */
  serviceToken: ServiceTokenSigner;
}

/** A background job with a lifetime (sweepers, senders). */
export interface Worker {
  name: string;
  /** A plain worker's promise is awaited before the service serves (a live subscription confirmed). */
  start(): void | Promise<void>;
  stop(): Promise<void>;
  /**
   * Runs in one instance of the service at a time, under the lease `<service>.<name>` (see
   * `singletonWorker`): started when this instance takes the lease, stopped when it loses it, so
   * `start` must work again after `stop`.
   */
  singleton?: boolean;
}

/**
 * Marks a poller or sweeper as singleton work: with several instances of the service, exactly one
 * runs it (packages/events/src/lease.ts). Listeners every instance needs (live fan-out) stay plain.
 */
export function singletonWorker(worker: Worker): Worker {
  return { name: worker.name, singleton: true, start: () => worker.start(), stop: () => worker.stop() };
}

/** A lease run that starts a worker, and stops it (waiting for its work in flight) when the lease ends. */
function whileHeld(worker: Pick<Worker, "start" | "stop">) {
  return async ({ signal }: { signal: AbortSignal }) => {
    await worker.start();
    await aborted(signal);
    await worker.stop();
  };
}

export interface ServiceDefinition<S extends AnySchema, E extends BaseEnv, D extends BaseDeps<S, E>> {
  name: string;
  /** The service's env schema: `baseEnvSchema.extend({...})`. */
  envSchema?: z.ZodType<E>;
  schema: S;
  migrationsFolder: string;
  router: AnyRouter;
  /** Builds the service's own dependencies on top of the kit's. */
  extend?: (base: BaseDeps<S, E>) => D | Promise<D>;
  /** Event handlers, consumed through one durable consumer per domain. */
  handlers?: (deps: D) => EventHandler[];
  consumer?: { concurrency?: number; maxDeliver?: number; retryBaseMs?: number };
  workers?: (deps: D) => Worker[];
  /** Extra HTTP routes (webhooks, better-auth, uploads...). */
  routes?: (app: Hono, deps: D, http: RouteHelpers) => void;
}

/** What a plain HTTP route gets from the kit, so it authenticates exactly as tRPC procedures do. */
export interface RouteHelpers {
  /**
   * The verified user of a request's bearer JWT (revocations honoured), also put in the request's
   * store for `currentUser()`; null without a token. A bad token throws `InvalidTokenError`.
   */
  authenticate(req: Request): Promise<AuthUser | null>;
}

export interface RunningService<D> {
  name: string;
  url: string;
  port: number;
  deps: D;
  app: Hono;
  /**
   * This service's event consumers alone, while it keeps serving: `stop` finishes the events in
   * hand and takes no more (their backlog grows in the stream, as when a consumer is stuck);
   * `start` consumes again where the durable consumer left off. Both are no-ops when already so.
   */
  consumers: { stop(): Promise<void>; start(): Promise<void> };
  /** Stops accepting, finishes in-flight work (bounded), closes NATS, Redis and the database. */
  stop(): Promise<void>;
}

export function defineService<S extends AnySchema, E extends BaseEnv, D extends BaseDeps<S, E> = BaseDeps<S, E>>(
  def: ServiceDefinition<S, E, D>,
) {
  // Every service gets the kit's `<name>.system.*` procedures (system/system.ts).
  const withSystem = { ...def, router: withSystemRouter(def.name, def.router) };
  return {
    def: withSystem,
    run: (source: Record<string, string | undefined> = process.env) => runService(withSystem, source),
  };
}

async function runService<S extends AnySchema, E extends BaseEnv, D extends BaseDeps<S, E>>(
  def: ServiceDefinition<S, E, D>,
  source: Record<string, string | undefined>,
): Promise<RunningService<D>> {
  const env = loadEnv((def.envSchema ?? baseEnvSchema) as z.ZodType<E>, source);
  // Production fails closed: the bus wants this service's own NATS user (nats-auth.ts).
  if (env.NODE_ENV === "production" && !natsConnectOptions(env.NATS_URL).pass) {
    throw new ConfigError(
      `Environment variable NATS_URL has no credentials: set it to nats://${def.name}:<password>@host:4222 (the password of NATS user ${def.name}).`,
    );
  }
  const { signingKey, publicKeys } = serviceKeys(def.name, env);
  const log = createLogger(def.name, env.LOG_LEVEL);
  const tracing = await startTracing(def.name, env);
  const metrics = new Metrics(def.name);

  const db = createDatabase(env.DATABASE_URL, def.schema, {
    authToken: env.DATABASE_AUTH_TOKEN,
    synchronous: env.DATABASE_SYNC,
  });
  await db.migrate(def.migrationsFolder);
  const bus = await EventBus.connect(env.NATS_URL, def.name, log, { streamReplicas: env.STREAM_REPLICAS });
  const relay = new OutboxRelay(db, bus, log.child({ component: "outbox" }));
  const redis = connectRedis(env.REDIS_URL, log);
  const base: BaseDeps<S, E> = {
    name: def.name,
    env,
    log,
    db,
    bus,
    relay,
    redis,
    metrics,
    serviceToken: createServiceSigner(signingKey, def.name),
  };
  const calls = configureServiceCalls(base.serviceToken, {
    timeoutMs: env.SERVICE_CALL_TIMEOUT_MS,
    halfOpenAfterMs: env.SERVICE_CALL_HALF_OPEN_MS,
    retries: env.SERVICE_CALL_RETRIES,
  });
  metrics.watchBreakers(() => calls.states());
  const deps = def.extend ? await def.extend(base) : (base as D);

  const revocations = createRevocationCache(redis, {
    onError: (err) => log.warn({ err: String(err) }, "token revocation list not refreshed"),
  });
  revocations.start();
  const app = buildApp(def, deps, revocations, createServiceVerifier({ service: def.name, publicKeys }));
  const handlers = def.handlers?.(deps);
  if (handlers) checkConsumes(def.name, handlers);
  registerSystem(deps, { handlers: handlers ?? [], startedAt: Date.now() });
  const consumedDomains = [...new Set((handlers ?? []).map((h) => h.def.domain))];
  metrics.watchSystem({
    outbox: () => outboxBacklog(db),
    consumers: () => consumerLags(bus, def.name, consumedDomains),
    deadLetters: () => deadLetterCount(bus, def.name),
  });
  const subscribe = () => (handlers ? bus.subscribe({ consumer: def.name, handlers, ...def.consumer }) : undefined);
  let subscription = await subscribe();
  const consumers = {
    async stop() {
      const running = subscription;
      subscription = undefined;
      await running?.stop();
    },
    async start() {
      subscription ??= await subscribe();
    },
  };
  const workers = def.workers?.(deps) ?? [];
  await Promise.all(workers.filter((w) => !w.singleton).map((w) => w.start()));

  const server = Bun.serve({ hostname: env.HOST, port: env.PORT, fetch: app.fetch, idleTimeout: 60 });
  const port = server.port ?? env.PORT;
  const url = `http://${env.HOST}:${port}`;
  log.info({ url }, `${def.name} listening`);

  // Singleton work (the outbox relay's poll and prune, sweepers, senders) runs where this service's
  // lease is held; the relay's kicks after a commit publish in every instance (outbox.ts).
  // Taken once the port is bound: the holder is host:port, which no other live process can share,
  // so a crashed instance restarted on its port takes its own lease back at once instead of
  // waiting for it to expire; another instance waits at most LEASE_TTL_MS.
  const leases = await LeaseBucket.open(bus.nc, log, {
    ttlMs: env.LEASE_TTL_MS,
    replicas: env.STREAM_REPLICAS,
    holder: `${hostname()}:${port}`,
  }).catch(async (err: unknown) => {
    // No lease bucket (NATS refuses it: an old authorization block) is a failed start, not a half-started service.
    await server.stop(true);
    throw err;
  });
  const relayLease = leases.singleton(`${def.name}.outbox-relay`, whileHeld(relay));
  const singletons: Singleton[] = workers
    .filter((w) => w.singleton)
    .map((w) => leases.singleton(`${def.name}.${w.name}`, whileHeld(w)));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info("shutting down");
      const budget = env.SHUTDOWN_TIMEOUT_MS;
      if (!(await within(budget, server.stop(false)))) {
        log.warn("in-flight requests did not finish in time; closing them");
        await within(budget, server.stop(true));
      }
      // Every later step is bounded too: a stop that hangs (a stream that never ends, a broker
      // that does not answer) must not keep the process from exiting.
      const step = async (name: string, work: () => Promise<unknown>) => {
        if (
          !(await within(
            budget,
            work().catch(() => undefined),
          ))
        )
          log.warn(`${name} did not stop in time`);
      };
      await step("event consumers", () => consumers.stop());
      await step("workers", () =>
        Promise.all([...workers.filter((w) => !w.singleton).map((w) => w.stop()), ...singletons.map((s) => s.stop())]),
      );
      revocations.stop();
      await step("outbox relay", async () => {
        await relayLease.stop();
        // Kicks drain in every instance, holder or not: the last rows this one wrote go out now.
        await relay.close();
      });
      await step("NATS", () => bus.close());
      await step("Redis", () => redis.quit());
      db.close();
      await tracing.shutdown(budget);
      log.info("stopped");
    })();
    return stopping;
  };

  return { name: def.name, url, port, deps, app, consumers, stop };
}

function buildApp<S extends AnySchema, E extends BaseEnv, D extends BaseDeps<S, E>>(
  def: ServiceDefinition<S, E, D>,
  deps: D,
  revocations: ReturnType<typeof createRevocationCache>,
  verifyService: (token: string) => Promise<string>,
): Hono {
  const { env, log, metrics } = deps;
  const verifyToken = createTokenVerifier({
    jwksUrl: env.JWKS_URL,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    revocations,
  });
  const app = new Hono();
  const streams = new StreamLimiter(env.SSE_MAX_STREAMS_PER_CLIENT);
  const accessLog = createAccessLog(log, env.ACCESS_LOG_SAMPLE_2XX);

  app.use(requestId({ generator: () => Bun.randomUUIDv7() }));
  app.use(httpTracing({ acceptIncoming: true }));
  app.use(async (c, next) => {
    const started = performance.now();
    await requestStore.run({ requestId: c.get("requestId") }, next);
    // tRPC builds its own Response, which misses headers set before it: set the id on the final one.
    c.header("x-request-id", c.get("requestId"));
    const route = c.req.routePath.startsWith("/trpc") ? "/trpc" : c.req.routePath;
    metrics.countHttp(route, c.req.method, c.res.status);
    accessLog.write({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: performance.now() - started,
      requestId: c.get("requestId"),
      traceId: accessTraceId(c.req.header("traceparent")),
      client: clientAddressOf(c.req.raw) ?? peerAddress(c),
    });
  });

  app.get("/health", (c) => c.json({ status: "ok", service: def.name }));
  const readiness = () =>
    Promise.all([
      probe("database", () => deps.db.ping()),
      probe("nats", () => deps.bus.ping()),
      probe("redis", async () => {
        await deps.redis.ping();
      }),
    ]);
  metrics.watchReadiness(readiness);
  app.get("/ready", async (c) => {
    const checks = await readiness();
    const down = checks.filter((x) => !x.up);
    const body = {
      service: def.name,
      status: down.length ? "unavailable" : "ready",
      checks: Object.fromEntries(checks.map((x) => [x.name, x.up ? "up" : `down: ${x.error}`])),
      ...(down.length
        ? { message: `${down.map((x) => x.name).join(", ")} ${down.length > 1 ? "are" : "is"} down` }
        : {}),
    };
    return c.json(body, down.length ? 503 : 200);
  });
  app.get("/metrics", async (c) => c.text(await metrics.text(), 200, { "content-type": metrics.registry.contentType }));

  def.routes?.(app, deps, {
    async authenticate(req) {
      const jwt = bearerJwt(req.headers.get("authorization"));
      if (!jwt) return null;
      const { user } = await verifyToken(jwt);
      const store = requestStore.getStore();
      if (store) store.user = user;
      return user;
    },
  });

  // One context for both faces of the router: tRPC and REST (rest.ts) see the same user and caller.
  const createContext = async (c: Context, { req, resHeaders }: { req: Request; resHeaders: Headers }) => {
    const reqId = c.get("requestId");
    const reqLog = log.child({ requestId: reqId });
    let user: AuthUser | null = null;
    let token: TokenIdentity | null = null;
    let caller: string | null = null;
    let authError: string | null = null;
    const jwt = bearerJwt(req.headers.get("authorization"));
    if (jwt) {
      try {
        ({ user, token } = await verifyToken(jwt));
      } catch (err) {
        authError = err instanceof InvalidTokenError ? `Invalid token: ${err.message}` : "Token could not be verified";
      }
    }
    const serviceToken = req.headers.get(SERVICE_TOKEN_HEADER);
    if (serviceToken) {
      caller = await verifyService(serviceToken).catch(() => null);
    }
    // Use cases read the acting user from the request's store (audit log, seller scoping).
    const store = requestStore.getStore();
    if (store) store.user = user;
    const ctx: RequestContext & { deps: D } = {
      requestId: reqId,
      user,
      caller,
      authError,
      // Long-lived streams ask again: a revocation after the stream opened ends it.
      stillAuthorized: () => !token || !revocations.isRevokedNow(token),
      log: reqLog,
      resHeaders,
      req,
      metrics,
      streams,
      deps,
    };
    return ctx;
  };

  app.all("/trpc/*", (c) =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: def.router,
      // A batch of hundreds of calls would be one request doing hundreds of requests' work.
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: (o) => createContext(c, o),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          log.error({ requestId: c.get("requestId"), path, err: error.cause ?? error }, "procedure failed");
        }
      },
    }),
  );
  mountRest(app, def.router, createContext, log);

  app.notFound((c) => c.json({ error: { message: `No route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((err, c) => {
    log.error({ requestId: c.get("requestId"), err }, "request failed");
    return c.json({ error: { message: "Internal server error", requestId: c.get("requestId") } }, 500);
  });
  return app;
}

/**
 * This service's key pair from its env. When the public map lists this service, its entry must be
 * the public half of SERVICE_SIGNING_KEY: a key given to the wrong service stops start-up here
 * instead of failing every call it makes.
 */
function serviceKeys(name: string, env: BaseEnv) {
  const signingKey = signingKeyOf(env.SERVICE_SIGNING_KEY);
  const publicKeys = publicKeysOf(env.SERVICE_PUBLIC_KEYS);
  const mine = publicKeys.get(name);
  if (mine && !isKeyPair(signingKey, mine)) {
    throw new ConfigError(
      `Environment variable SERVICE_SIGNING_KEY is not ${name}'s key: its public half differs from SERVICE_PUBLIC_KEYS.${name}; give ${name} its own private key.`,
    );
  }
  return { signingKey, publicKeys };
}

/**
 * A registry service consumes only the domains the registry says it does: its NATS user's
 * permissions are generated from that list, so a handler outside it is a start-up error here
 * rather than a permissions violation later.
 */
function checkConsumes(name: string, handlers: EventHandler[]): void {
  if (!isServiceName(name)) return;
  const allowed = new Set([name, ...serviceEntry(name).consumes]);
  const missing = [...new Set(handlers.map((h) => h.def.domain))].filter((d) => !allowed.has(d));
  if (missing.length) {
    throw new ConfigError(
      `${name} handles ${missing.join(", ")} events, which the registry does not list in its consumes: add them there.`,
    );
  }
}

/** The TCP peer (another service, the gateway), when the request came over Bun.serve. */
function peerAddress(c: Parameters<typeof getConnInfo>[0]): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.fetch called directly (tests): no socket
  }
}

/** Resolves true when `work` settles within `ms`, false when the time runs out first. */
export async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function probe(name: string, check: () => Promise<void>): Promise<{ name: string; up: boolean; error?: string }> {
  try {
    await Promise.race([
      check(),
      Bun.sleep(1_500).then(() => {
        throw new Error("no answer within 1.5 s");
      }),
    ]);
    return { name, up: true };
  } catch (err) {
    return { name, up: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Entry point for a process's main.ts (every service, and the gateway): starts it, stops it
 * cleanly on SIGTERM or SIGINT, and turns a configuration error into one sentence on stderr and
 * exit code 1.
 */
export async function runMain(entry: { run: () => Promise<{ stop(): Promise<void> }> }): Promise<void> {
  let running: { stop(): Promise<void> };
  try {
    running = await entry.run();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const onSignal = () => {
    // Each step of a stop is bounded by SHUTDOWN_TIMEOUT_MS (up to eight of them in a service);
    // this bounds the whole, as the last word: a process that does not exit after SIGTERM holds its
    // port and its callers' connections until the platform's SIGKILL, later and without a line
    // saying why.
    const budget = (Number(process.env.SHUTDOWN_TIMEOUT_MS) || 10_000) * 10;
    setTimeout(() => {
      console.error(`shutdown did not finish within ${budget} ms; exiting`);
      process.exit(1);
    }, budget).unref();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
