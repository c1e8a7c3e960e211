import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Miniflare } from "miniflare";

/** The catalog app folder: where `build:edge` runs and the migrations live. */
export const APP = fileURLToPath(new URL("..", import.meta.url));
const MIGRATIONS = `${APP}drizzle`;

/** The Workers bundle exactly as `bun run build:edge` makes it (dist/edge/worker.js). */
export function buildEdgeBundle(): string {
  const build = Bun.spawnSync(["bun", "run", "build:edge"], { cwd: APP, stderr: "pipe" });
  if (build.exitCode !== 0) throw new Error(`build:edge failed: ${build.stderr.toString()}`);
  return `${APP}dist/edge/worker.js`;
}

/**
 * The catalog's migrations applied to a D1 database, as `wrangler d1 migrations apply` would, one
 * batch per file split into its statements: D1's exec() cannot take drizzle's files whole.
 */
export async function migrateD1(d1: Awaited<ReturnType<Miniflare["getD1Database"]>>): Promise<void> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, "utf8")) as {
    entries: { tag: string }[];
  };
  for (const { tag } of journal.entries) {
    const statements = readFileSync(`${MIGRATIONS}/${tag}.sql`, "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter(Boolean);
    await d1.batch(statements.map((s) => d1.prepare(s)));
  }
}
