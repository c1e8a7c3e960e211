/**
 * The whole platform for benchmarks and the chaos run: private nats-server and redis-server (from
 * @mercato/testing, never the machine's), a test JWT issuer, the seven services and the gateway,
 * each its own process on loopback, in production mode (NODE_ENV=production, LOG_LEVEL=warn), with
 * the catalog preloaded with the 100,000-product benchmark data and every service's demo seed.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CartRouter } from "../../apps/cart/src/index.ts";
import * as catalogSchema from "../../apps/catalog/src/db/schema.ts";
import { seedBench } from "../../apps/catalog/src/db/seed-bench.ts";
import type { InventoryRouter } from "../../apps/inventory/src/index.ts";
import type { OrdersRouter } from "../../apps/orders/src/index.ts";
import { clientFor } from "../../apps/orders/test/platform.ts";
import type { PaymentsRouter } from "../../apps/payments/src/index.ts";
import { createMercatoClient } from "../../packages/client/src/index.ts";
import { createDatabase } from "../../packages/db/src/index.ts";
import {
  freePort,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  TEST_SERVICE_SECRET,
  type TestIssuer,
} from "../../packages/testing/src/index.ts";
import { type Managed, ROOT, startManaged } from "./proc.ts";

export const SERVICE_NAMES = [
  "identity",
  "catalog",
  "inventory",
  "cart",
  "orders",
  "payments",
  "notifications",
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Far above anything one loopback load generator sends: the limiter's Redis round trip is still paid. */
const NO_LIMIT = "1000000000";

export interface PlatformOptions {
  /** Benchmark products to preload into the catalog (0: demo data only). */
  products: number;
  /** Extra env per service (e.g. a short reservation TTL for the chaos run). */
  env?: Partial<Record<ServiceName | "gateway", Record<string, string>>>;
  /** Also start a second gateway with its response cache off (cache-miss measurements). */
  uncachedGateway?: boolean;
}

export interface Platform {
  nats: RunningServer;
  redis: RunningServer;
  issuer: TestIssuer;
  dataDir: string;
  logDir: string;
  services: Record<ServiceName, Managed>;
  gateway: Managed;
  uncachedGateway?: Managed;
  /** Spawn of the first service to every service's /ready 200, in ms. */
  coldStartMs: number;
  seedMs: number;
  adminToken: string;
  /** A shopper's client, through the gateway like the storefront's. */
  shop: ReturnType<typeof createMercatoClient>;
  admin: {
    orders: ReturnType<typeof clientFor<OrdersRouter>>;
    inventory: ReturnType<typeof clientFor<InventoryRouter>>;
    payments: ReturnType<typeof clientFor<PaymentsRouter>>;
    cart: ReturnType<typeof clientFor<CartRouter>>;
  };
  internal: {
    orders: ReturnType<typeof clientFor<OrdersRouter>>;
    inventory: ReturnType<typeof clientFor<InventoryRouter>>;
    payments: ReturnType<typeof clientFor<PaymentsRouter>>;
  };
  /** Stops everything; keeps the data and logs when `keepFiles` (to investigate a failure). */
  dispose(keepFiles?: boolean): Promise<void>;
}

/**
 * A catalog database with `products` benchmark products, built once per migration set and copied
 * for each run (seeding 100,000 products takes a while; copying a file does not).
 */
async function catalogDatabase(products: number, target: string): Promise<number> {
  const migrations = join(ROOT, "apps/catalog/drizzle");
  const hasher = new Bun.CryptoHasher("sha256");
  for (const f of readdirSync(migrations)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    hasher.update(f);
    hasher.update(readFileSync(join(migrations, f)));
  }
  hasher.update(readFileSync(join(ROOT, "apps/catalog/src/db/seed-bench.ts")));
  const cacheDir = join(ROOT, ".data", "bench");
  const template = join(cacheDir, `catalog-${products}-${hasher.digest("hex").slice(0, 12)}.db`);
  const started = performance.now();
  if (!existsSync(template)) {
    mkdirSync(cacheDir, { recursive: true });
    const building = `${template}.building-${process.pid}`;
    const db = createDatabase(`file:${building}`, catalogSchema);
    await db.migrate(migrations);
    await seedBench(db, products);
    // Fold the WAL into the file so the single file is the whole database.
    await db.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    db.close();
    copyFileSync(building, template);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
  }
  copyFileSync(template, target);
  return performance.now() - started;
}

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const dataDir = mkdtempSync(join(tmpdir(), "mercato-bench-"));
  const logDir = join(dataDir, "logs");
  mkdirSync(logDir);
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const started: Managed[] = [];
  const stopAll = async (keepFiles = false) => {
    // Apps before infrastructure, so services can drain their outboxes.
    await Promise.all(started.map((m) => m.kill("SIGTERM")));
    issuer.stop();
    await Promise.all([nats.dispose(), redis.dispose()]);
    if (!keepFiles) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const seedMs = opts.products > 0 ? await catalogDatabase(opts.products, join(dataDir, "catalog.db")) : 0;
    const ports = Object.fromEntries(
      await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()] as const)),
    ) as Record<ServiceName, number>;
    const urls = Object.fromEntries(SERVICE_NAMES.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<
      ServiceName,
      string
    >;
    const gatewayPort = await freePort();
    const shared: Record<string, string> = {
      ...Object.fromEntries(SERVICE_NAMES.map((n) => [`${n.toUpperCase()}_URL`, urls[n]])),
      GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
      NODE_ENV: "production",
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      HOST: "127.0.0.1",
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      JWKS_URL: issuer.jwksUrl,
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      // The test secret, so the benchmark can sign service credentials for internal procedures.
      SERVICE_SECRET: TEST_SERVICE_SECRET,
      BETTER_AUTH_SECRET: "bench-only-better-auth-secret-0123456789abcdef",
      TRUST_PROXY: "true",
      SEED_DEMO: "true",
    };
    const t0 = performance.now();
    const services = Object.fromEntries(
      await Promise.all(
        SERVICE_NAMES.map(async (name) => {
          const env: Record<string, string> = {
            ...shared,
            PORT: String(ports[name]),
            DATABASE_URL: `file:${join(dataDir, `${name}.db`)}`,
            ...(name === "identity" ? { BETTER_AUTH_URL: urls.identity } : {}),
            ...opts.env?.[name],
          };
          const m = await startManaged({
            name,
            cmd: ["bun", join("apps", name, "src", "main.ts")],
            env,
            url: urls[name],
            readyPath: "/ready",
            logDir,
            timeoutMs: 90_000,
          });
          started.push(m);
          return [name, m] as const;
        }),
      ),
    ) as Record<ServiceName, Managed>;
    const coldStartMs = performance.now() - t0;

    const gatewayEnv = (port: number, extra: Record<string, string>) => ({
      ...shared,
      PORT: String(port),
      RATE_LIMIT_IP: NO_LIMIT,
      RATE_LIMIT_USER: NO_LIMIT,
      RATE_LIMIT_SENSITIVE: NO_LIMIT,
      ...opts.env?.gateway,
      ...extra,
    });
    const startGateway = async (name: string, port: number, extra: Record<string, string>) => {
      const m = await startManaged({
        name,
        cmd: ["bun", "apps/gateway/src/main.ts"],
        env: gatewayEnv(port, extra),
        url: `http://127.0.0.1:${port}`,
        readyPath: "/health",
        logDir,
      });
      started.push(m);
      return m;
    };
    const gateway = await startGateway("gateway", gatewayPort, {});
    const uncachedGateway = opts.uncachedGateway
      ? await startGateway("gateway-nocache", await freePort(), { GATEWAY_CACHE_BYTES: "0" })
      : undefined;

    const adminToken = await issuer.sign({ sub: "bench-admin", email: "admin@bench.example", role: "admin" });
    return {
      nats,
      redis,
      issuer,
      dataDir,
      logDir,
      services,
      gateway,
      uncachedGateway,
      coldStartMs,
      seedMs,
      adminToken,
      shop: createMercatoClient({ baseUrl: gateway.url }),
      admin: {
        orders: clientFor<OrdersRouter>(urls.orders, { token: adminToken }),
        inventory: clientFor<InventoryRouter>(urls.inventory, { token: adminToken }),
        payments: clientFor<PaymentsRouter>(urls.payments, { token: adminToken }),
        cart: clientFor<CartRouter>(urls.cart, { token: adminToken }),
      },
      internal: {
        orders: clientFor<OrdersRouter>(urls.orders, { service: true }),
        inventory: clientFor<InventoryRouter>(urls.inventory, { service: true }),
        payments: clientFor<PaymentsRouter>(urls.payments, { service: true }),
      },
      dispose: stopAll,
    };
  } catch (err) {
    await stopAll(true);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(logs kept in ${logDir})`);
  }
}
