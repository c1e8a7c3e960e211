import { DomainError } from "./errors.ts";

/** One open stream's hold on its keys; `release` is idempotent. */
export interface StreamLease {
  release(): void;
}

/**
 * Caps the live streams (SSE subscriptions) open at once in this process per key — the client
 * address the gateway saw and the signed-in user — so one client cannot hold an unbounded number
 * of connections, each with its work on every change. Over the cap a new stream is refused with
 * a `too_many` domain error naming `stream` (429); the ones already open are untouched.
 */
export class StreamLimiter {
  private readonly open = new Map<string, number>();

  constructor(readonly maxPerKey: number) {}

  /** How many streams `key` holds now. */
  count(key: string): number {
    return this.open.get(key) ?? 0;
  }

  acquire(keys: readonly string[]): StreamLease {
    const full = keys.find((k) => this.count(k) >= this.maxPerKey);
    if (full) {
      const who = full.startsWith("user:") ? "user" : "client address";
      throw new DomainError("too_many", "stream", `at most ${this.maxPerKey} live streams per ${who}: close one first`);
    }
    for (const k of keys) this.open.set(k, this.count(k) + 1);
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        for (const k of keys) {
          const n = this.count(k) - 1;
          if (n > 0) this.open.set(k, n);
          else this.open.delete(k);
        }
      },
    };
  }
}

/** Wraps a subscription's async iterable so the lease is released when the stream ends, however it ends. */
export function releasingWhenDone<T>(source: AsyncIterable<T>, lease: StreamLease): AsyncIterable<T> {
  return (async function* () {
    try {
      yield* source;
    } finally {
      lease.release();
    }
  })();
}
