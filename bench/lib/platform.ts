/**
 * The whole platform for benchmarks and the chaos run, on @mercato/testing's platform: private
 * nats-server and redis-server (never the machine's), a test JWT issuer, the seven services and
 * the gateway, each its own process on loopback (NODE_ENV=test, since production refuses demo
 * data and the test payment provider; LOG_LEVEL=warn), with every service's demo seed and the catalog preloaded with the
 * 100,000-product benchmark data. Each process logs to its own file (read after a fault) and can be
 * SIGKILLed and restarted on the same port and database.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedBench } from "@mercato/catalog/db/seed-bench";
import { catalogService } from "@mercato/catalog/service";
import { createMercatoClient } from "@mercato/client";
import { createDatabase } from "@mercato/db";
import { replicaCount, SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import {
  type PlatformEnv,
  type RunningServer,
  type ServiceClient,
  type ServiceProcess,
  startPlatform as startTestPlatform,
  type TestIssuer,
} from "@mercato/testing";
import { ROOT } from "./proc.ts";

export { SERVICE_NAMES, type ServiceName };

/** Far above anything one loopback load generator sends: the limiter's Redis round trip is still paid. */
const NO_LIMIT = "1000000000";

export interface PlatformOptions {
  /** Benchmark products to preload into the catalog (0: demo data only). */
  products: number;
  /** Extra env per service (e.g. a short reservation TTL for the chaos run). */
  env?: PlatformEnv;
  /** Also start a second gateway with its response cache off (cache-miss measurements). */
  uncachedGateway?: boolean;
  /** Instances per service (default: `REPLICAS` / `REPLICAS_<NAME>` from the environment, else 1). */
  replicas?: Partial<Record<ServiceName, number>>;
}

export interface Platform {
  nats: RunningServer;
  redis: RunningServer;
  issuer: TestIssuer;
  dataDir: string;
  logDir: string;
  /** Each service's first instance. */
  services: Record<ServiceName, ServiceProcess>;
  /** Every instance of each service (`REPLICAS`), first first. */
  replicas: Record<ServiceName, ServiceProcess[]>;
  gateway: ServiceProcess;
  uncachedGateway?: ServiceProcess;
  /** Spawn of the services (all at once) to every service's /ready 200, in ms. */
  coldStartMs: number;
  seedMs: number;
  adminToken: string;
  /** A shopper's client, through the gateway like the storefront's. */
  shop: ReturnType<typeof createMercatoClient>;
  /** A guest's client for one order: its access token in the x-order-token header (never a URL). */
  orderHolder(orderId: string, accessToken: string): ReturnType<typeof createMercatoClient>;
  admin: {
    orders: ServiceClient<"orders">;
    inventory: ServiceClient<"inventory">;
    payments: ServiceClient<"payments">;
    cart: ServiceClient<"cart">;
  };
  internal: {
    orders: ServiceClient<"orders">;
    inventory: ServiceClient<"inventory">;
    payments: ServiceClient<"payments">;
  };
  /** Stops everything; keeps the data and logs when `keepFiles` (to investigate a failure). */
  dispose(keepFiles?: boolean): Promise<void>;
}

/**
 * A catalog database with `products` benchmark products, built once per migration set and copied
 * for each run (seeding 100,000 products takes a while; copying a file does not).
 */
async function catalogDatabase(products: number, target: string): Promise<number> {
  const { schema, migrationsFolder: migrations } = catalogService.def;
  const hasher = new Bun.CryptoHasher("sha256");
  for (const f of readdirSync(migrations)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    hasher.update(f);
    hasher.update(readFileSync(join(migrations, f)));
  }
  hasher.update(readFileSync(Bun.fileURLToPath(import.meta.resolve("@mercato/catalog/db/seed-bench"))));
  const cacheDir = join(ROOT, ".data", "bench");
  const template = join(cacheDir, `catalog-${products}-${hasher.digest("hex").slice(0, 12)}.db`);
  const started = performance.now();
  if (!existsSync(template)) {
    mkdirSync(cacheDir, { recursive: true });
    const building = `${template}.building-${process.pid}`;
    const db = createDatabase(`file:${building}`, schema);
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
  let seedMs = 0;
  const catalogFile = join(dataDir, "catalog.db");
  try {
    if (opts.products > 0) seedMs = await catalogDatabase(opts.products, catalogFile);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const platform = await startTestPlatform({
    dir: dataDir,
    logs: true,
    testIssuer: true,
    seedDemo: true,
    gateway: true,
    readyTimeoutMs: 90_000,
    replicas: opts.replicas ?? Object.fromEntries(SERVICE_NAMES.map((n) => [n, replicaCount(n, process.env)])),
    env: {
      ...opts.env,
      all: {
        NODE_ENV: "test",
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
        TRUST_PROXY: "true",
        ...opts.env?.all,
      },
      catalog: { ...(opts.products > 0 ? { DATABASE_URL: `file:${catalogFile}` } : {}), ...opts.env?.catalog },
      // The load comes from one address and leaves most orders unpaid: no per-client caps.
      orders: {
        CHECKOUT_MAX_UNPAID_PER_ADDRESS: NO_LIMIT,
        CHECKOUT_MAX_UNPAID_PER_EMAIL: NO_LIMIT,
        CHECKOUT_MAX_UNPAID_PER_CART: NO_LIMIT,
        CHECKOUT_MAX_UNPAID_UNITS: NO_LIMIT,
        ...opts.env?.orders,
      },
      gateway: {
        RATE_LIMIT_IP: NO_LIMIT,
        RATE_LIMIT_READ: NO_LIMIT,
        RATE_LIMIT_MEDIA: NO_LIMIT,
        RATE_LIMIT_USER: NO_LIMIT,
        RATE_LIMIT_SENSITIVE: NO_LIMIT,
        ...opts.env?.gateway,
      },
    },
  });
  try {
    const { issuer, gateway, logDir } = platform;
    if (!issuer || !gateway || !logDir)
      throw new Error("the bench platform runs with a test issuer, a gateway and logs");
    const uncachedGateway = opts.uncachedGateway
      ? await platform.startGateway({ name: "gateway-nocache", env: { GATEWAY_CACHE_BYTES: "0" } })
      : undefined;
    const services = platform.processes as Record<ServiceName, ServiceProcess>;
    const adminToken = await issuer.sign({ sub: "bench-admin", email: "admin@bench.example", role: "admin" });
    const asAdmin = { token: adminToken };
    return {
      nats: platform.nats,
      redis: platform.redis,
      issuer,
      dataDir,
      logDir,
      services,
      replicas: platform.replicas as Record<ServiceName, ServiceProcess[]>,
      gateway,
      uncachedGateway,
      coldStartMs: Math.max(...Object.values(services).map((s) => s.startMs)),
      seedMs,
      adminToken,
      shop: createMercatoClient({ baseUrl: gateway.url }),
      orderHolder: (orderId: string, accessToken: string) =>
        createMercatoClient({ baseUrl: gateway.url, orderTokens: () => ({ [orderId]: accessToken }) }),
      admin: {
        orders: platform.client("orders", asAdmin),
        inventory: platform.client("inventory", asAdmin),
        payments: platform.client("payments", asAdmin),
        cart: platform.client("cart", asAdmin),
      },
      internal: {
        orders: platform.client("orders", { service: true }),
        inventory: platform.client("inventory", { service: true }),
        payments: platform.client("payments", { service: true }),
      },
      dispose: (keepFiles = false) => platform.dispose({ keepFiles }),
    };
  } catch (err) {
    await platform.dispose({ keepFiles: true });
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(logs kept in ${platform.logDir})`);
  }
}
