import { fileURLToPath } from "node:url";
import { defineService, singletonWorker } from "@mercato/kit";
import { CartChanges } from "./app/cart-changes.ts";
import { createRegionSource } from "./app/region-source.ts";
import { createSkuSource } from "./app/sku-source.ts";
import * as schema from "./db/schema.ts";
import { seedDemo } from "./db/seed.ts";
import type { CartDeps } from "./deps.ts";
import { type CartEnv, cartEnvSchema } from "./env.ts";
import { userDeletedHandler } from "./events/identity.ts";
import { orderCancelledHandler, orderPaidHandler } from "./events/order-paid.ts";
import { orderPlacedHandler } from "./events/order-placed.ts";
import { wishlistHandlers } from "./events/wishlist.ts";
import { cartRouter } from "./router/index.ts";
import { guestSweeper } from "./workers/guest-sweeper.ts";

export const cartService = defineService<typeof schema, CartEnv, CartDeps>({
  name: "cart",
  envSchema: cartEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: cartRouter,
  async extend(base) {
    if (base.env.SEED_DEMO) await seedDemo(base.db);
    return {
      ...base,
      skus: createSkuSource({
        catalogUrl: base.env.CATALOG_URL,
        inventoryUrl: base.env.INVENTORY_URL,
        serviceToken: base.serviceToken,
        log: base.log.child({ component: "skus" }),
      }),
      changes: new CartChanges(base.bus.nc, base.log.child({ component: "live" })),
      regions: createRegionSource({
        catalogUrl: base.env.CATALOG_URL,
        serviceToken: base.serviceToken,
        log: base.log.child({ component: "regions" }),
        ttlMs: base.env.CART_REGION_CACHE_MS,
      }),
    };
  },
  handlers: (deps) => [
    orderPlacedHandler(deps),
    orderPaidHandler(deps),
    orderCancelledHandler(deps),
    userDeletedHandler(deps),
    ...wishlistHandlers(deps),
  ],
  // Paid orders for one code are counted in parallel: the guarded UPDATE keeps the limit.
  consumer: { concurrency: 4 },
  // One instance sweeps (a lease in NATS KV); the others only serve.
  workers: (deps) => [
    { name: "cart-changes", start: () => deps.changes.start(), stop: async () => deps.changes.stop() },
    singletonWorker(guestSweeper(deps)),
  ],
});
