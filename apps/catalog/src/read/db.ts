import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "../db/schema.ts";

/**
 * Any asynchronous drizzle database over the catalog's schema: libSQL in the service, D1 in the
 * edge worker. Read queries take this so they run unchanged in both.
 */
export type ReadDb = BaseSQLiteDatabase<"async", unknown, typeof schema>;
