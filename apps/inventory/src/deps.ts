import type { Tx } from "@mercato/db";
import type { BaseDeps } from "@mercato/kit";
import type * as schema from "./db/schema.ts";
import type { InventoryEnv } from "./env.ts";

export type InventoryDeps = BaseDeps<typeof schema, InventoryEnv>;
export type InventoryDb = InventoryDeps["db"];
export type InventoryTx = Tx<typeof schema>;
