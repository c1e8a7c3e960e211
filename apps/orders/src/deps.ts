import type { BaseDeps } from "@mercato/kit";
import type { Clients } from "./clients.ts";
import type * as schema from "./db/schema.ts";
import type { OrdersEnv } from "./env.ts";
import type { LiveOrders } from "./live/live-orders.ts";

export type OrdersBaseDeps = BaseDeps<typeof schema, OrdersEnv>;

export type OrdersDeps = OrdersBaseDeps & {
  clients: Clients;
  /** Order changes from every instance (core NATS), for checkout's wait and the live subscriptions. */
  live: LiveOrders;
  /** Keys guest access tokens. */
  accessSecret: string;
  /** Signs and checks the emailed guest order links (#21). */
  linkSecret: string;
};
