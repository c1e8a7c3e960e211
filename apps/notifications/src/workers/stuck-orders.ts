import type { Worker } from "@mercato/kit";
import { alertStuckOrders } from "../app/alert-signals.ts";
import type { NotificationsDeps } from "../deps.ts";

/** Every ALERT_STUCK_CHECK_MS, alerts the orders placed ALERT_STUCK_ORDER_SECONDS ago and neither paid nor cancelled (#22). */
export function stuckOrderWorker(deps: Pick<NotificationsDeps, "db" | "relay" | "env" | "log">): Worker {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    name: "stuck-order-alerts",
    start() {
      timer = setInterval(() => {
        running = running
          .then(() => alertStuckOrders(deps))
          .catch((err) => deps.log.warn({ err: String(err) }, "stuck-order check failed; next pass retries"));
      }, deps.env.ALERT_STUCK_CHECK_MS);
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
