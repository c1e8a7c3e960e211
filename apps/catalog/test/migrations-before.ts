import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The catalog's migrations folder. */
export const MIGRATIONS = fileURLToPath(new URL("../drizzle", import.meta.url));

/**
 * The migrations folder as it was before `tag`, copied into `into`: every migration up to the one
 * named, with its journal, so a test can write rows the way an older database held them.
 */
export function migrationsBefore(tag: string, into: string): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  if (upTo < 0) throw new Error(`no migration ${tag}`);
  mkdirSync(join(into, "meta"), { recursive: true });
  for (const e of journal.entries.slice(0, upTo))
    copyFileSync(join(MIGRATIONS, `${e.tag}.sql`), join(into, `${e.tag}.sql`));
  writeFileSync(
    join(into, "meta/_journal.json"),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
  );
  return into;
}
