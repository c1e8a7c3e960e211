import { seedBench } from "@mercato/catalog/db/seed-bench";
import { catalogService } from "@mercato/catalog/service";
import { createDatabase } from "@mercato/db";
import { freePort, spawnService, TEST_SERVICE_KEYS, testSigningKey } from "@mercato/testing";

/** The bench catalog (seedBench) of `products` products in a libSQL file, migrated and seeded here. */
export async function seedBenchCatalog(databaseUrl: string, products: number): Promise<{ ms: number }> {
  const db = createDatabase(databaseUrl, catalogService.def.schema);
  try {
    await db.migrate(catalogService.def.migrationsFolder);
    return await seedBench(db, products);
  } finally {
    db.close();
  }
}

/**
 * The catalog service, as production runs it, on that database: its own process on a free port,
 * with `env` on top (e.g. the facet cache off).
 */
export async function spawnBenchCatalog(opts: {
  databaseUrl: string;
  natsUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
  /** How long it may take to get ready (a big catalog's listing index loads first). */
  readyTimeoutMs?: number;
}): Promise<Awaited<ReturnType<typeof spawnService>>> {
  return spawnService(
    "catalog",
    {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      PORT: String(await freePort()),
      DATABASE_URL: opts.databaseUrl,
      NATS_URL: opts.natsUrl,
      REDIS_URL: opts.redisUrl,
      // Never fetched: the benchmarks send no user tokens.
      JWKS_URL: "http://127.0.0.1:9/jwks",
      SERVICE_SIGNING_KEY: testSigningKey("catalog"),
      SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
      ...opts.env,
    },
    { timeoutMs: opts.readyTimeoutMs },
  );
}
