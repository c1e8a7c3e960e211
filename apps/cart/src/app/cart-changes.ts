import { type EventBus, LiveChannel, type LiveLogger } from "@mercato/events";

/**
 * Announces cart changes to live subscribers on every instance, over `live.carts.<key>`. A
 * user's subscription listens on its user key (their cart may not exist yet), a guest's on its
 * cart id. A wake-up carries nothing: the subscriber re-reads the cart.
 */
export class CartChanges {
  private readonly channel: LiveChannel;

  constructor(nc: EventBus["nc"], log?: LiveLogger) {
    this.channel = new LiveChannel(nc, "carts", log);
  }

  /**
   * Subscribes; the service runs it as a worker before it serves, so the server already knows the
   * subscription and a first watcher misses nothing another instance publishes meanwhile.
   */
  start(): Promise<void> {
    return this.channel.start();
  }

  stop(): void {
    this.channel.stop();
  }

  static userKey(userId: string): string {
    return `user:${userId}`;
  }

  static cartKey(cartId: string): string {
    return `cart:${cartId}`;
  }

  changed(cart: { id: string; userId: string | null }): void {
    this.channel.publish(CartChanges.cartKey(cart.id));
    if (cart.userId) this.channel.publish(CartChanges.userKey(cart.userId));
  }

  /**
   * Yields once per change of `key` until `signal` aborts. Listening starts at the call, not at
   * the first iteration, so a change made while the caller sends its first view is not missed.
   */
  watch(key: string, signal: AbortSignal | undefined): AsyncIterable<void> {
    return this.channel.watch(key, signal);
  }
}
