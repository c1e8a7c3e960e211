import type { EventBus } from "./bus.ts";

type NatsConnection = EventBus["nc"];
type Subscription = ReturnType<NatsConnection["subscribe"]>;

/** Where live wake-ups travel: outside every JetStream stream's subjects, so nothing keeps them. */
export const LIVE_SUBJECT_PREFIX = "live";

export interface LiveLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Subscribes to `subject` on core NATS; `confirmed` resolves once the server holds the
 * subscription. The server learns of a new one asynchronously: a message another instance
 * publishes before then is not delivered here, so a stream that read its first view meanwhile
 * would wait for it for good (seen in CI). A flush (PING, then the server's PONG) returns once the
 * server has the SUB; a failed one is logged as `<what> subscription not confirmed`.
 */
export function confirmedSubscription(
  nc: NatsConnection,
  subject: string,
  log: LiveLogger | undefined,
  what: string,
): { sub: Subscription; confirmed: Promise<void> } {
  const sub = nc.subscribe(subject);
  const confirmed = nc.flush().catch((err: unknown) => {
    log?.warn({ err: String(err) }, `${what} subscription not confirmed`);
  });
  return { sub, confirmed };
}

/**
 * Live wake-ups across instances: whichever instance commits a change announces it on a core NATS
 * subject (`live.<topic>.<key>`), and every instance hears it on ONE subscription per topic and
 * wakes its own listeners in memory. A wake-up is not a record — the database or the event store
 * is — so a lost one only delays a screen, and a listener re-reads the truth when woken.
 *
 * `T` is what a wake-up carries to listeners (e.g. the new order status); `void` for a bare ping.
 */
export class LiveChannel<T = void> {
  private readonly byKey = new Map<string, Set<(payload: T) => void>>();
  private readonly all = new Set<(payload: T, key: string) => void>();
  private readonly prefix: string;
  private sub: Subscription | undefined;
  private subscribed: Promise<void> = Promise.resolve();

  constructor(
    private readonly nc: NatsConnection,
    topic: string,
    private readonly log?: LiveLogger,
  ) {
    this.prefix = `${LIVE_SUBJECT_PREFIX}.${topic}`;
  }

  /**
   * Subscribes once for the process (a service starts it as a worker, before it serves; a first
   * listener starts it otherwise). Resolves once the NATS server holds the subscription
   * (`confirmedSubscription`).
   */
  start(): Promise<void> {
    if (this.sub) return this.subscribed;
    const { sub, confirmed } = confirmedSubscription(this.nc, `${this.prefix}.>`, this.log, "live");
    this.sub = sub;
    this.subscribed = confirmed;
    void (async () => {
      for await (const msg of sub) {
        const key = msg.subject.slice(this.prefix.length + 1);
        let payload: T;
        try {
          payload = (msg.data.length ? msg.json<T>() : undefined) as T;
        } catch (err) {
          this.log?.warn({ err: String(err), subject: msg.subject }, "unreadable live wake-up");
          continue;
        }
        for (const listener of this.byKey.get(key) ?? []) listener(payload);
        for (const listener of this.all) listener(payload, key);
      }
    })();
    return this.subscribed;
  }

  /** Announces a committed change of `key`; best effort (see the class comment). */
  publish(key: string, ...payload: T extends void ? [] : [T]): void {
    try {
      const body = payload.length ? JSON.stringify(payload[0]) : undefined;
      this.nc.publish(`${this.prefix}.${key}`, body);
    } catch (err) {
      this.log?.warn({ err: String(err), key }, "live wake-up not published");
    }
  }

  /** Calls `listener` on each wake-up of `key` until the returned function is called. */
  listen(key: string, listener: (payload: T) => void): () => void {
    void this.start();
    let set = this.byKey.get(key);
    if (!set) {
      set = new Set();
      this.byKey.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byKey.delete(key);
    };
  }

  /** Calls `listener` on every wake-up of the topic (an admin feed). */
  listenAll(listener: (payload: T, key: string) => void): () => void {
    void this.start();
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  /**
   * The wake-ups of `key` as an async iterable, until `signal` aborts (see {@link listenerStream}).
   */
  watch(key: string, signal?: AbortSignal): AsyncIterable<T> {
    return listenerStream<T>((push) => this.listen(key, push), signal);
  }

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
  }
}

/**
 * Turns a listener registration into an async iterable, until `signal` aborts. Listening starts at
 * the call, not at the first iteration, so a change made while the caller sends its first view is
 * not missed; values that arrive while the consumer is busy are queued, in order. It stops
 * listening at the abort itself: a consumer that never starts iterating (a client gone while its
 * first view was read) must not leave its listener behind.
 */
export function listenerStream<T>(listen: (push: (value: T) => void) => () => void, signal?: AbortSignal) {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  const stop = listen((value) => {
    queue.push(value);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => {
    const end = () => {
      stop();
      wake?.();
      resolve();
    };
    if (signal?.aborted) end();
    else signal?.addEventListener("abort", end, { once: true });
  });
  return (async function* (): AsyncGenerator<T> {
    try {
      while (!signal?.aborted) {
        if (queue.length === 0) {
          await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
          wake = undefined;
          continue;
        }
        yield queue.shift() as T;
      }
    } finally {
      stop();
    }
  })();
}
