import { confirmedSubscription, type EventBus, listenerStream, parseEvent, StockChanged } from "@mercato/events";
import type { Logger } from "@mercato/kit";

export interface StockChange {
  sku: string;
  available: number;
}

type Listener = (change: StockChange) => void;

/**
 * Stock changes for every live stream of this process over ONE core-NATS subscription to the
 * stock event's subject, parsed once and fanned out in memory by SKU (before, each stream opened
 * its own subscription, so a client opening streams multiplied the work of every change). The
 * subscription opens with the first listener and stays for the process; a lost message only
 * delays a screen (the database is the record).
 */
export class StockFeed {
  private readonly bySku = new Map<string, Set<Listener>>();
  private sub: ReturnType<EventBus["nc"]["subscribe"]> | undefined;
  private subscribed: Promise<void> = Promise.resolve();

  constructor(
    private readonly nc: EventBus["nc"],
    private readonly log: Logger,
  ) {}

  /** How many NATS subscriptions the feed holds: 0 before the first listener, then 1. */
  get natsSubscriptions(): number {
    return this.sub ? 1 : 0;
  }

  /** How many listeners (one per SKU of each open stream) are waiting. */
  get listeners(): number {
    let n = 0;
    for (const set of this.bySku.values()) n += set.size;
    return n;
  }

  private start(): void {
    if (this.sub) return;
    // Confirmed before a stream reads its snapshot (`ready`): see confirmedSubscription.
    const { sub, confirmed } = confirmedSubscription(this.nc, StockChanged.type, this.log, "stock feed");
    this.sub = sub;
    this.subscribed = confirmed;
    void (async () => {
      for await (const msg of sub) {
        let change: StockChange;
        try {
          const { sku, available } = parseEvent(StockChanged, msg.json()).data;
          change = { sku, available };
        } catch (err) {
          this.log.warn({ err: String(err) }, "unreadable stock change skipped");
          continue;
        }
        for (const listener of this.bySku.get(change.sku) ?? []) listener(change);
      }
    })();
  }

  /** Resolves once the NATS server holds the feed's subscription: await it before reading a snapshot. */
  get ready(): Promise<void> {
    return this.subscribed;
  }

  /** Calls `listener` on each change of any of `skus` until the returned function is called. */
  listen(skus: Iterable<string>, listener: Listener): () => void {
    this.start();
    const keys = [...new Set(skus)];
    for (const sku of keys) {
      let set = this.bySku.get(sku);
      if (!set) {
        set = new Set();
        this.bySku.set(sku, set);
      }
      set.add(listener);
    }
    return () => {
      for (const sku of keys) {
        const set = this.bySku.get(sku);
        set?.delete(listener);
        if (set?.size === 0) this.bySku.delete(sku);
      }
    };
  }

  /**
   * The changes of `skus` as an async iterable, until `signal` aborts. Listening starts at the
   * call (before the caller reads its snapshot), so no change falls between the two; changes that
   * arrive while the consumer is busy are queued in order.
   */
  watch(skus: Iterable<string>, signal?: AbortSignal): AsyncIterable<StockChange> {
    return listenerStream<StockChange>((push) => this.listen(skus, push), signal);
  }
}
