import type { Worker } from "@mercato/kit";
import { dueReservationIds } from "../db/queries.ts";
import type { InventoryDb, InventoryDeps } from "../deps.ts";
import { expireReservation } from "../operations/settle.ts";

const BATCH = 200;

/** Expires every reservation due by `now`; resolves with how many this call expired. */
export async function sweepExpired(db: InventoryDb, now: Date): Promise<number> {
  let expired = 0;
  for (;;) {
    const ids = await dueReservationIds(db, now, BATCH);
    // One transaction per reservation: a broken one cannot hold back the others.
    for (const id of ids) {
      if (await db.write((tx) => expireReservation(tx, id, now))) expired++;
    }
    if (ids.length < BATCH) return expired;
  }
}

/** Releases unpaid reservations once their time is up, every EXPIRY_SWEEP_MS. */
export function expirySweeper(deps: InventoryDeps): Worker {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | undefined;
  const log = deps.log.child({ worker: "expiry-sweeper" });

  const tick = () => {
    if (running) return; // a slow sweep is not overlapped by the next one
    running = sweepExpired(deps.db, new Date())
      .then((n) => {
        if (n === 0) return;
        deps.relay.kick();
        log.info({ expired: n }, "reservations expired");
      })
      .catch((err: unknown) => log.warn({ err: String(err) }, "expiry sweep failed; will retry"))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    name: "expiry-sweeper",
    start() {
      timer ??= setInterval(tick, deps.env.EXPIRY_SWEEP_MS);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
