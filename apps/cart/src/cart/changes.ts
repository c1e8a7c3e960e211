import { EventEmitter, on } from "node:events";

/**
 * Announces cart changes to live subscribers in this process. A user's subscription listens on
 * its user key (their cart may not exist yet), a guest's on its cart id. With several instances
 * this would publish on a NATS core subject instead, so every instance hears every change.
 */
export class CartChanges {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open subscription: many shoppers at once is normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  static userKey(userId: string): string {
    return `user:${userId}`;
  }

  static cartKey(cartId: string): string {
    return `cart:${cartId}`;
  }

  changed(cart: { id: string; userId: string | null }): void {
    this.emitter.emit(CartChanges.cartKey(cart.id));
    if (cart.userId) this.emitter.emit(CartChanges.userKey(cart.userId));
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
