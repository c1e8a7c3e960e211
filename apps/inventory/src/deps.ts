import type { Tx } from "@mercato/db";
import type { BaseDeps } from "@mercato/kit";
import type * as schema from "./db/schema.ts";
import type { InventoryEnv } from "./env.ts";
import type { StockFeed } from "./live/stock-feed.ts";

export type InventoryDeps = BaseDeps<typeof schema, InventoryEnv> & {
  /** Stock changes for the live streams: one NATS subscription per process, fanned out in memory. */
  stockFeed: StockFeed;
};
export type InventoryDb = InventoryDeps["db"];
export type InventoryTx = Tx<typeof schema>;
