import type { Worker } from "@mercato/kit";
import { sweepExpired } from "../app/settle.ts";
import type { InventoryDeps } from "../deps.ts";

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
        deps.metrics.business.reservationsExpired(n);
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
