/**
 * `bun apps/catalog/src/edge-resync.ts`: copies the whole catalog (DATABASE_URL, default
 * .data/catalog.db) into the edge's D1 replica through Cloudflare's D1 HTTP API
 * (EDGE_D1_ACCOUNT_ID, EDGE_D1_DATABASE_ID, EDGE_D1_API_TOKEN; EDGE_D1_API_URL to aim elsewhere).
 * Run once after `wrangler d1 migrations apply` and whenever the replica may have missed events;
 * safe while the catalog runs: a copy never replaces a newer one (db/edge-replica.ts).
 */
import { createDatabase } from "@mercato/db";
import { edgeSyncFromEnv } from "./app/edge-sync.ts";
import * as schema from "./db/schema.ts";

const { EDGE_D1_ACCOUNT_ID, EDGE_D1_DATABASE_ID, EDGE_D1_API_TOKEN } = process.env;
if (!EDGE_D1_ACCOUNT_ID || !EDGE_D1_DATABASE_ID || !EDGE_D1_API_TOKEN) {
  console.error("edge-resync: set EDGE_D1_ACCOUNT_ID, EDGE_D1_DATABASE_ID and EDGE_D1_API_TOKEN");
  process.exit(2);
}
const db = createDatabase(process.env.DATABASE_URL ?? "file:.data/catalog.db", schema, {
  authToken: process.env.DATABASE_AUTH_TOKEN,
});
const edge = edgeSyncFromEnv(db.client, {
  EDGE_D1_API_URL: process.env.EDGE_D1_API_URL ?? "https://api.cloudflare.com/client/v4",
  EDGE_D1_ACCOUNT_ID,
  EDGE_D1_DATABASE_ID,
  EDGE_D1_API_TOKEN,
})!;
const copied = await edge.resync({ onProgress: (n) => process.stdout.write(`\rcopied ${n} products`) });
process.stdout.write("\n");
console.log(`edge-resync: ${copied} products copied to D1`);
db.close();
