import { consumeDeadLetters, type Subscription } from "@mercato/events";
import type { Worker } from "@mercato/kit";
import { alertOnDeadLetter } from "../app/alert-signals.ts";
import type { NotificationsDeps } from "../deps.ts";

/**
 * Turns each message of the DEADLETTER stream (`deadletter.<consumer>.<type>`, copied there by
 * every service's consumer when it gives up on an event: packages/events/src/bus.ts) into a
 * `dead_lettered` staff alert (#22). The alert's dedupe key (consumer + event id) makes a
 * redelivered dead letter raise nothing new.
 */
export function deadLetterWorker(deps: Pick<NotificationsDeps, "bus" | "db" | "relay" | "env" | "log">): Worker {
  const log = deps.log.child({ worker: "dead-letter-alerts" });
  let sub: Promise<Subscription | undefined> = Promise.resolve(undefined);
  return {
    name: "dead-letter-alerts",
    start() {
      sub = consumeDeadLetters(
        deps.bus,
        "notifications",
        (letter) => alertOnDeadLetter(deps, letter),
        (err, subject) => log.warn({ err: String(err), subject }, "dead-letter alert not recorded; will retry"),
      ).catch((err) => {
        log.error({ err: String(err) }, "dead-letter alerts could not start");
        return undefined;
      });
    },
    async stop() {
      await (await sub)?.stop();
    },
  };
}
