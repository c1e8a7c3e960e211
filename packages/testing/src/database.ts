import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type Database } from "@mercato/db";

// biome-ignore lint/suspicious/noExplicitAny: mirrors drizzle's schema record
type AnySchema = Record<string, any>;

export interface TempDatabase<S extends AnySchema> {
  db: Database<S>;
  url: string;
  dir: string;
  dispose(): void;
}

/** A fresh libSQL file in a temp folder with a service's migrations applied. */
export async function tempDatabase<S extends AnySchema>(schema: S, migrationsFolder: string): Promise<TempDatabase<S>> {
  const dir = mkdtempSync(join(tmpdir(), "mercato-db-"));
  const url = `file:${join(dir, "test.db")}`;
  const db = createDatabase(url, schema);
  await db.migrate(migrationsFolder);
  return {
    db,
    url,
    dir,
    dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temp folder for a test, removed by `dispose`. */
export function tempDir(prefix = "mercato-"): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
