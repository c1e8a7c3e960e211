import { AlertSent, confirmedSubscription, type EventBus, listenerStream, parseEvent } from "@mercato/events";
import type { Logger } from "@mercato/kit";

type Listener = (alertId: string) => void;

/**
 * New alerts for every staff stream of this process (#22), over ONE core-NATS subscription to
 * `notifications.alert.sent.v1` itself — the event the outbox published, so what the bell shows
 * is what was published, from whichever instance raised it. Like inventory's stock feed: a lost
 * message only delays the bell, the `alerts` table is the record.
 */
export class AlertFeed {
  private readonly listeners = new Set<Listener>();
  private sub: ReturnType<EventBus["nc"]["subscribe"]> | undefined;
  private subscribed: Promise<void> = Promise.resolve();

  constructor(
    private readonly nc: EventBus["nc"],
    private readonly log: Logger,
  ) {}

  /** Subscribes; resolves once the NATS server holds the subscription (`confirmedSubscription`). */
  start(): Promise<void> {
    if (this.sub) return this.subscribed;
    const { sub, confirmed } = confirmedSubscription(this.nc, AlertSent.type, this.log, "alert feed");
    this.sub = sub;
    this.subscribed = confirmed;
    void (async () => {
      for await (const msg of sub) {
        let alertId: string;
        try {
          alertId = parseEvent(AlertSent, msg.json()).data.alertId;
        } catch (err) {
          this.log.warn({ err: String(err) }, "unreadable alert event skipped");
          continue;
        }
        for (const listener of this.listeners) listener(alertId);
      }
    })();
    return this.subscribed;
  }

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
  }

  /** The ids of new alerts as an async iterable, until `signal` aborts. */
  watch(signal?: AbortSignal): AsyncIterable<string> {
    void this.start();
    return listenerStream<string>((push) => {
      this.listeners.add(push);
      return () => this.listeners.delete(push);
    }, signal);
  }
}
