import type { BaseDeps, BaseEnv } from "@mercato/kit";
import type * as schema from "./db/schema.ts";

export type CatalogDeps = BaseDeps<typeof schema, BaseEnv>;
