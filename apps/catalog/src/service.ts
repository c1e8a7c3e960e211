import { AsyncLocalStorage } from "node:async_hooks";
import { fileURLToPath } from "node:url";
import { defineService } from "@mercato/kit";
import { edgeSyncFromEnv } from "./app/edge-sync.ts";
import { inventoryStockSetter } from "./app/inventory-stock.ts";
import { listingIndexStore } from "./app/listing-index-sync.ts";
import { regionStore } from "./app/region-store.ts";
import { snapshotPerRequest } from "./db/reference-data.ts";
import * as schema from "./db/schema.ts";
import { seedDemo } from "./db/seed.ts";
import type { CatalogDeps } from "./deps.ts";
import { type CatalogEnv, catalogEnvSchema } from "./env.ts";
import { edgeSyncHandlers } from "./events/edge-sync.ts";
import { orderPaidHandler } from "./events/order-paid.ts";
import { stockChangedHandler } from "./events/stock-changed.ts";
import { withBodyEtag } from "./http/cache-headers.ts";
import { mediaRoutes } from "./http/media.ts";
import { catalogRouter } from "./router/index.ts";
import { storageFromEnv } from "./storage/index.ts";

/** One object per GET request: the reference data's snapshot scope (see `snapshotPerRequest`). */
const readScope = new AsyncLocalStorage<object>();
snapshotPerRequest(() => readScope.getStore());

export const catalogService = defineService<typeof schema, CatalogEnv, CatalogDeps>({
  name: "catalog",
  envSchema: catalogEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: catalogRouter,
  async extend(base) {
    const db = base.db;
    const deps: CatalogDeps = {
      ...base,
      listingIndex: listingIndexStore(base.db.orm),
      regions: regionStore(base.db.orm),
      setStock: inventoryStockSetter(base.env.INVENTORY_URL, base.serviceToken),
      edge: edgeSyncFromEnv(base.db.client, base.env),
      media: storageFromEnv(base.env),
    };
    if (base.env.SEED_DEMO) {
      const added = await seedDemo(db);
      if (added) base.log.info({ added }, "seeded demo products");
    }
    // Loaded before the service is ready: the first listing should not pay for it.
    const started = performance.now();
    const index = await deps.listingIndex.current();
    base.log.info({ products: index.size, ms: Math.round(performance.now() - started) }, "listing index loaded");
    return deps;
  },
  handlers: (deps) => [
    stockChangedHandler(deps),
    orderPaidHandler(deps),
    ...(deps.edge ? edgeSyncHandlers(deps.edge) : []),
  ],
  routes: (app, deps, http) => {
    // A read (GET: every tRPC query, every REST read) sees one snapshot of the reference tables;
    // a write's request never does, so it reads back what it wrote (db/reference-data.ts).
    app.use((c, next) => (c.req.method === "GET" ? readScope.run({}, next) : next()));
    // Before every route: a public read's ETag is hashed from its body once the body is written.
    app.use(async (c, next) => {
      await next();
      const res = await withBodyEtag(c.res, (text) => Bun.hash(text).toString(36));
      if (res === c.res) return;
      // Unset first: Hono's setter copies the old response's headers onto the new one (the placeholder too).
      c.res = undefined;
      c.res = res;
    });
    mediaRoutes(app, deps, http);
  },
});
