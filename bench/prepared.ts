/**
 * CPU per write transaction of a consumed event that emits one (inbox record + outbox insert):
 * drizzle's query builder against `processOnce` + `enqueue`, whose statements are built once
 * (`prepareSql`, packages/db/src/prepared.ts; `enqueue` also serializes the event and its trace
 * headers, which the builder side does not), on a real libSQL file. CPU time (process.cpuUsage), not wall time, so a loaded machine
 * moves it less. Run: `bun bench/prepared.ts` (BENCH_ROUNDS, default 4; BENCH_N, default 3000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@mercato/db";
import { type Envelope, enqueue, inbox, outbox, processOnce } from "@mercato/events";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const N = Number(process.env.BENCH_N ?? 3000);

const dir = mkdtempSync(join(tmpdir(), "mercato-bench-prepared-"));
const db = createDatabase(`file:${dir}/b.db`, { outbox, inbox });
await db.migrate(join(import.meta.dir, "../apps/payments/drizzle"));

type Way = "builder" | "prepared";
/** One write transaction with an outbox insert and an inbox record, as a consumed event that emits one. */
async function once(way: Way, i: number): Promise<void> {
  const id = `${way}-${i}-${Bun.randomUUIDv7()}`;
  const now = new Date();
  if (way === "builder") {
    await db.write(async (tx) => {
      await tx
        .insert(inbox)
        .values({ consumer: "bench", eventId: id, eventType: "bench.v1", processedAt: now })
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      await tx.insert(outbox).values({ id, subject: "bench.v1", payload: "{}", headers: "{}", createdAt: now });
    });
    return;
  }
  const event: Envelope = {
    id,
    type: "bench.v1",
    occurredAt: now.toISOString(),
    correlationId: id,
    data: {},
  };
  await processOnce(db, "bench", event, (tx) => enqueue(tx, event));
}

async function cpuPerTx(way: Way): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < N; i++) await once(way, i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / N;
}

try {
  for (let i = 0; i < 200; i++) {
    await once("builder", -i - 1);
    await once("prepared", -i - 1);
  }
  const results: Record<Way, number[]> = { builder: [], prepared: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const way of ["builder", "prepared"] as const) results[way].push(await cpuPerTx(way));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(`load average ${(await Bun.file("/proc/loadavg").text()).split(" ")[0]}; ${N} transactions per round`);
  for (const way of ["builder", "prepared"] as const) {
    console.log(
      `${way}: CPU µs per transaction (inbox record + outbox insert), rounds ${results[way].map((x) => x.toFixed(0)).join(", ")}; median ${median(results[way]).toFixed(0)}`,
    );
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
