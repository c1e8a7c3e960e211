import type { Worker } from "@mercato/kit";
import { sendAwayEmails } from "../app/support-away.ts";
import type { NotificationsDeps } from "../deps.ts";

/** Every SUPPORT_AWAY_CHECK_MS, mails the shoppers who did not see an answer in time (#22). */
export function supportAwayWorker(deps: NotificationsDeps): Worker {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    name: "support-away-emails",
    start() {
      timer = setInterval(() => {
        running = running
          .then(() => sendAwayEmails(deps))
          .catch((err) => deps.log.warn({ err: String(err) }, "support away emails failed; next pass retries"));
      }, deps.env.SUPPORT_AWAY_CHECK_MS);
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
