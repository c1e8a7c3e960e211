// `bun run db:migrate`: applies every service's drizzle migrations to its database, the same ones
// each service applies at start-up. DATABASE_URL_<SERVICE> overrides a service's database URL
// (default: file:.data/<service>.db, or under MERCATO_DATA_DIR).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createDatabase } from "@mercato/db";
import { ROOT, SERVICES } from "./services.ts";

const dataDir = process.env.MERCATO_DATA_DIR ?? join(ROOT, ".data");
mkdirSync(dataDir, { recursive: true });

let failed = false;
for (const { name } of SERVICES) {
  const migrations = join(ROOT, "apps", name, "drizzle");
  if (!existsSync(migrations)) continue;
  const url = process.env[`DATABASE_URL_${name.toUpperCase()}`] ?? `file:${join(dataDir, `${name}.db`)}`;
  const db = createDatabase(url, {}, { authToken: process.env[`DATABASE_AUTH_TOKEN_${name.toUpperCase()}`] });
  try {
    await db.migrate(migrations);
    console.log(`${name.padEnd(14)} migrated  ${url}`);
  } catch (err) {
    failed = true;
    console.error(`${name.padEnd(14)} FAILED    ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    db.close();
  }
}
process.exit(failed ? 1 : 0);
