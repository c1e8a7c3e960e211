import { EventEmitter, on } from "node:events";
import type { EventBus } from "@mercato/events";

type NatsConnection = EventBus["nc"];

// Outside every JetStream stream: a live change is a wake-up (the next read is the truth), so a
// lost one only delays a tab; it needs no durable record.
const SUBJECT_PREFIX = "live.carts";

/**
 * Announces cart changes to live subscribers on every instance. A change is published on a NATS
 * core subject; each instance hears all of them and wakes its own subscribers. A user's
 * subscription listens on its user key (their cart may not exist yet), a guest's on its cart id.
 */
export class CartChanges {
  private readonly emitter = new EventEmitter();

  constructor(private readonly nc: NatsConnection) {
    // One listener per open subscription: many shoppers at once is normal, not a leak.
    this.emitter.setMaxListeners(0);
    const subscription = nc.subscribe(`${SUBJECT_PREFIX}.>`);
    void (async () => {
      for await (const msg of subscription) this.emitter.emit(msg.subject.slice(SUBJECT_PREFIX.length + 1));
    })();
  }

  static userKey(userId: string): string {
    return `user:${userId}`;
  }

  static cartKey(cartId: string): string {
    return `cart:${cartId}`;
  }

  changed(cart: { id: string; userId: string | null }): void {
    this.nc.publish(`${SUBJECT_PREFIX}.${CartChanges.cartKey(cart.id)}`);
    if (cart.userId) this.nc.publish(`${SUBJECT_PREFIX}.${CartChanges.userKey(cart.userId)}`);
  }

  /**
   * Yields once per change of `key` until `signal` aborts. Listening starts at the call, not at
   * the first iteration, so a change made while the caller sends its first view is not missed.
   */
  watch(key: string, signal: AbortSignal | undefined): AsyncIterable<void> {
    const events = on(this.emitter, key, signal ? { signal } : {});
    return (async function* () {
      try {
        for await (const _ of events) yield;
      } catch (err) {
        if (!(err instanceof Error && err.name === "AbortError")) throw err;
      }
    })();
  }
}
