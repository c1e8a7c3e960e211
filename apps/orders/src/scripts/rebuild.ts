/**
 * `bun run orders:rebuild`: rebuilds the orders read models from the event store.
 * Uses DATABASE_URL (default: the dev database under .data/).
 */
import { fileURLToPath } from "node:url";
import { createDatabase, fileUrlFor } from "@mercato/db";
import * as schema from "../db/schema.ts";
import { rebuildProjections } from "../projections/rebuild.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const url = process.env.DATABASE_URL || fileUrlFor(`${root}.data`, "orders");
const db = createDatabase(url, schema, { authToken: process.env.DATABASE_AUTH_TOKEN });
try {
  await db.migrate(fileURLToPath(new URL("../../drizzle", import.meta.url)));
  const started = performance.now();
  const { orders, events } = await rebuildProjections(db);
  console.log(`rebuilt ${orders} orders from ${events} events in ${Math.round(performance.now() - started)} ms`);
} finally {
  db.close();
}
