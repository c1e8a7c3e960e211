import { catalogService } from "@mercato/catalog/service";
import { SERVICE_NAMES, type ServiceName, serviceEntry } from "@mercato/registry";
import { startNats, startRedis, startTestIssuer, startTestService } from "@mercato/testing";
import type { Hono } from "hono";
import { type RunningGateway, startGateway } from "../src/gateway.ts";
import { stubService } from "./fixtures/stub-service.ts";

type Started = { url: string; env: Record<string, string>; dispose(): Promise<void> };
export type CatalogUnderTest = Awaited<ReturnType<typeof startCatalog>>;

/** Extra HTTP routes the stand-ins for identity and payments answer, to check pass-through. */
const stubRoutes: Partial<Record<ServiceName, (app: Hono) => void>> = {
  identity: (app) => {
    app.post("/api/auth/sign-in/email", async (c) => {
      const body = (await c.req.json()) as { email?: string };
      c.header("set-auth-token", `session-for-${body.email}`);
      c.header("set-cookie", "session=abc; Path=/; HttpOnly", { append: true });
      c.header("set-cookie", "theme=dark; Path=/", { append: true });
      return c.json({ user: { email: body.email }, cookieSeen: c.req.header("cookie") ?? null });
    });
  },
  payments: (app) => {
    app.post("/webhooks/stripe", async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      return c.json({
        bytes: raw.byteLength,
        sha256: new Bun.CryptoHasher("sha256").update(raw).digest("hex"),
        signature: c.req.header("stripe-signature") ?? null,
        serviceToken: c.req.header("x-service-token") ?? null,
      });
    });
  },
};

function startCatalog(opts: Parameters<typeof startTestService>[1]) {
  return startTestService(catalogService, opts);
}

/**
 * The platform for gateway tests: private NATS and Redis, a test JWT issuer, the real catalog,
 * stand-in kit services for every other namespace, and a gateway in front of them all.
 */
export async function startPlatform(gatewayEnv: Record<string, string> = {}) {
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const base = { nats, redis, issuer };
  // The catalog seeds its demo shop through its own write path, whatever its tables look like.
  const catalog = await startCatalog({ service: "catalog", ...base, env: { SEED_DEMO: "true" } });
  const stubs = new Map<ServiceName, Started>();
  await Promise.all(
    SERVICE_NAMES.filter((s) => s !== "catalog").map(async (name) => {
      stubs.set(name, await startTestService(stubService(name, stubRoutes[name]), { service: name, ...base }));
    }),
  );
  const urls: Record<string, string> = { [serviceEntry("catalog").urlEnv]: catalog.url };
  for (const [name, stub] of stubs) urls[serviceEntry(name).urlEnv] = stub.url;

  const gatewaysStarted: RunningGateway[] = [];
  const gatewayFor = async (env: Record<string, string> = {}) => {
    const gw = await startGateway({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      UPSTREAM_TIMEOUT_MS: "1000",
      // A loaded CI machine can take longer than the production 250 ms to answer; counting must
      // not fail open there (the fail-open test stops Redis, which fails at once).
      RATE_LIMIT_REDIS_TIMEOUT_MS: "3000",
      SHUTDOWN_TIMEOUT_MS: "1000",
      JWKS_URL: issuer.jwksUrl,
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      METRICS_PORT: "0",
      ...urls,
      ...env,
    });
    gatewaysStarted.push(gw);
    // Caching starts once the purge feed is subscribed; tests expect it on.
    await waitFor(() => gw.deps.purger.connected, 5_000, "the cache purge feed to connect");
    return gw;
  };
  const gateway = await gatewayFor(gatewayEnv);

  return {
    nats,
    redis,
    issuer,
    catalog,
    stubs,
    gateway,
    gatewayFor,
    async dispose() {
      await Promise.all(gatewaysStarted.map((g) => g.stop()));
      await Promise.all([catalog.dispose(), ...[...stubs.values()].map((s) => s.dispose())]);
      issuer.stop();
      await Promise.all([nats.dispose(), redis.dispose()]);
    },
  };
}

/** Polls until `check` holds, failing with what was awaited after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(20);
  }
}
