import { fileURLToPath } from "node:url";
import { defineService } from "@mercato/kit";
import { edgeSyncFromEnv } from "./app/edge-sync.ts";
import { memoryFacetCache } from "./app/facet-cache.ts";
import { inventoryStockSetter } from "./app/inventory-stock.ts";
import { regionStore } from "./app/region-store.ts";
import * as schema from "./db/schema.ts";
import { seedDemo } from "./db/seed.ts";
import type { CatalogDeps } from "./deps.ts";
import { type CatalogEnv, catalogEnvSchema } from "./env.ts";
import { edgeSyncHandlers } from "./events/edge-sync.ts";
import { orderPaidHandler } from "./events/order-paid.ts";
import { stockChangedHandler } from "./events/stock-changed.ts";
import { mediaRoutes } from "./http/media.ts";
import { catalogRouter } from "./router/index.ts";
import { storageFromEnv } from "./storage/index.ts";

export const catalogService = defineService<typeof schema, CatalogEnv, CatalogDeps>({
  name: "catalog",
  envSchema: catalogEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: catalogRouter,
  async extend(base) {
    const facetCache = memoryFacetCache(base.env.FACET_CACHE_TTL_MS);
    // Every committed write (admin, event handlers, seed) may change counts: clear the facets.
    const db: CatalogDeps["db"] = {
      ...base.db,
      orm: base.db.orm,
      client: base.db.client,
      write: (fn) => base.db.write(fn).finally(() => facetCache.clear()),
    };
    const deps: CatalogDeps = {
      ...base,
      db,
      facetCache,
      regions: regionStore(base.db.orm),
      setStock: inventoryStockSetter(base.env.INVENTORY_URL, base.serviceToken),
      edge: edgeSyncFromEnv(base.db.client, base.env),
      media: storageFromEnv(base.env),
    };
    if (base.env.SEED_DEMO) {
      const added = await seedDemo(db);
      if (added) base.log.info({ added }, "seeded demo products");
    }
    return deps;
  },
  handlers: (deps) => [
    stockChangedHandler(deps),
    orderPaidHandler(deps),
    ...(deps.edge ? edgeSyncHandlers(deps.edge) : []),
  ],
  routes: (app, deps, http) => mediaRoutes(app, deps, http),
});
