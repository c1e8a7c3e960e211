/**
 * `bun run analytics:rebuild`: replays the streams analytics consumes from the start into fresh
 * aggregates. Stop analytics first (its consumer would write beside the rebuild). Builds into a new
 * file next to the database and then puts it in the database's place, so an interrupted rebuild
 * leaves the old aggregates as they were. `--into <file>` builds into that file and leaves the
 * database alone (to compare with the live one while analytics runs).
 *
 * The streams keep 14 days (packages/events/src/bus.ts, `max_age`): once one has dropped its first
 * messages, a rebuild would lose the days before what it still holds. In place, the rebuild then
 * refuses unless `--force` is given; `--into` always runs.
 *
 * Uses DATABASE_URL (default: the dev database under .data/) and NATS_URL (analytics' own NATS user:
 * the registry lets it read the streams it consumes by sequence).
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createDatabase, fileUrlFor } from "@mercato/db";
import { EventBus, streamFor } from "@mercato/events";
import { createLogger } from "@mercato/kit";
import { serviceEntry } from "@mercato/registry";
import { rebuildAggregates } from "../app/rebuild.ts";
import * as schema from "../db/schema.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const url = process.env.DATABASE_URL || fileUrlFor(`${root}.data`, "analytics");
const natsUrl = process.env.NATS_URL || "nats://127.0.0.1:4222";
const intoArg = process.argv.indexOf("--into");
const into = intoArg > 0 ? process.argv[intoArg + 1] : undefined;
if (!url.startsWith("file:")) throw new Error("analytics:rebuild needs a local DATABASE_URL (file:...)");
const live = url.slice("file:".length);
const target = into ?? `${live}.rebuild`;
for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });

const log = createLogger("analytics-rebuild", process.env.LOG_LEVEL ?? "info");
const bus = await EventBus.connect(natsUrl, "analytics", log);
if (!into && !process.argv.includes("--force")) {
  for (const domain of serviceEntry("analytics").consumes) {
    const info = await bus.jsm.streams.info(streamFor(domain));
    if (info.state.first_seq > 1) {
      await bus.close();
      console.error(
        `stream ${info.config.name} no longer holds its first ${info.state.first_seq - 1} messages (retention): a rebuild in place would lose the days before them. Rebuild --into <file> to compare, or pass --force.`,
      );
      process.exit(1);
    }
  }
}
const db = createDatabase(`file:${target}`, schema);
try {
  await db.migrate(fileURLToPath(new URL("../../drizzle", import.meta.url)));
  const started = performance.now();
  const result = await rebuildAggregates(db, bus, log);
  console.log(
    `rebuilt analytics from ${result.events} events (${result.streams.map((s) => `${s.stream} ${s.first}..${s.last}`).join(", ")}) in ${Math.round(performance.now() - started)} ms`,
  );
} finally {
  db.close();
  await bus.close();
}
if (!into) {
  for (const f of [`${live}-wal`, `${live}-shm`]) if (existsSync(f)) rmSync(f);
  renameSync(target, live);
  console.log(`replaced ${live}`);
}
