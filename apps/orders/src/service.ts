import { fileURLToPath } from "node:url";
import { defineService, derivedSecret } from "@mercato/kit";
import { createClients } from "./clients.ts";
import * as schema from "./db/schema.ts";
import type { OrdersBaseDeps, OrdersDeps } from "./deps.ts";
import { ordersEnvSchema } from "./env.ts";
import { orderHandlers } from "./events/index.ts";
import { createLiveOrders } from "./live/live-orders.ts";
import { ordersRouter } from "./router/index.ts";

async function extend(base: OrdersBaseDeps): Promise<OrdersDeps> {
  const { env } = base;
  // No seeded orders: the dev launcher places real demo orders through the saga (scripts/demo-orders.ts).
  return {
    ...base,
    clients: createClients(env, base.serviceToken),
    live: createLiveOrders(base.bus.nc, base.log.child({ component: "live" })),
    accessSecret: env.ORDER_ACCESS_SECRET ?? derivedSecret(env.SERVICE_SIGNING_KEY, "order-access"),
    linkSecret: env.ORDER_LINK_SECRET ?? derivedSecret(env.SERVICE_SIGNING_KEY, "order-link"),
  };
}

export const ordersService = defineService({
  name: "orders",
  envSchema: ordersEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: ordersRouter,
  extend,
  handlers: orderHandlers,
  // Different orders proceed in parallel; one order's events are handled in order (same key).
  consumer: { concurrency: 32, maxDeliver: 8, retryBaseMs: 250 },
  workers: (deps) => [
    {
      name: "live-orders",
      start: () => deps.live.start(),
      stop: async () => deps.live.stop(),
    },
  ],
});
