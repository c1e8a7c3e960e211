import { fileURLToPath } from "node:url";
import { defineService, singletonWorker } from "@mercato/kit";
import * as schema from "./db/schema.ts";
import type { InventoryDeps } from "./deps.ts";
import { type InventoryEnv, inventoryEnvSchema } from "./env.ts";
import { orderHandlers } from "./events/orders.ts";
import { productHandlers } from "./events/products.ts";
import { StockFeed } from "./live/stock-feed.ts";
import { inventoryRouter } from "./router/index.ts";
import { expirySweeper } from "./workers/expiry-sweeper.ts";

export const inventoryService = defineService<typeof schema, InventoryEnv, InventoryDeps>({
  name: "inventory",
  envSchema: inventoryEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: inventoryRouter,
  extend: (base) => ({ ...base, stockFeed: new StockFeed(base.bus.nc, base.log.child({ component: "stock-feed" })) }),
  handlers: (deps) => [...productHandlers(deps), ...orderHandlers(deps)],
  // Different orders are handled side by side; one order's events stay in order (key = order id).
  consumer: { concurrency: 8 },
  // One instance sweeps (a lease in NATS KV); the others only serve.
  workers: (deps) => [singletonWorker(expirySweeper(deps))],
});
