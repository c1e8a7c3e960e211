import type { Database } from "@mercato/db";
import { getTableName } from "drizzle-orm";
import * as schema from "../src/db/schema.ts";

/** Every aggregate table's rows, sorted, for comparing two analytics databases. */
export async function dumpAggregates(db: Database<typeof schema>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of schema.AGGREGATE_TABLES) {
    const rows = (await db.orm.select().from(table)) as Record<string, unknown>[];
    out[getTableName(table)] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}
