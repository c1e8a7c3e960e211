import type { EventBus } from "@mercato/events";
import type { Logger } from "@mercato/kit";
import type { OrderStatus } from "../domain/status.ts";

/** One committed change to an order, as every instance hears it. */
export interface OrderChange {
  orderId: string;
  number: string;
  version: number;
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  email: string;
  total: number;
  currency: string;
  at: string;
}

type NatsConnection = EventBus["nc"];
type Subscription = ReturnType<NatsConnection["subscribe"]>;

// Outside every JetStream stream's subjects: live changes are wake-ups, not a durable record (the
// event store is). A lost one costs a subscriber a short delay, never a transition.
const SUBJECT_PREFIX = "live.orders";

/**
 * Fans order changes out across instances over core NATS: whichever instance commits a change
 * publishes it, and each instance's checkout waits and subscriptions hear it from any of them.
 */
export class LiveOrders {
  private readonly byOrder = new Map<string, Set<(c: OrderChange) => void>>();
  private readonly all = new Set<(c: OrderChange) => void>();
  private sub: Subscription | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.sub) return;
    const sub = this.nc.subscribe(`${SUBJECT_PREFIX}.>`);
    this.sub = sub;
    void (async () => {
      for await (const msg of sub) {
        try {
          this.dispatch(msg.json<OrderChange>());
        } catch (err) {
          this.log.warn({ err: String(err) }, "unreadable live order change");
        }
      }
    })();
  }

  /** Announces a committed change; best effort (see SUBJECT_PREFIX). */
  publish(change: OrderChange): void {
    try {
      this.nc.publish(`${SUBJECT_PREFIX}.${change.orderId}`, JSON.stringify(change));
    } catch (err) {
      this.log.warn({ err: String(err), orderId: change.orderId }, "live order change not published");
    }
  }

  /** Calls `listener` for each change of one order until the returned function is called. */
  watch(orderId: string, listener: (c: OrderChange) => void): () => void {
    let set = this.byOrder.get(orderId);
    if (!set) {
      set = new Set();
      this.byOrder.set(orderId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byOrder.delete(orderId);
    };
  }

  watchAll(listener: (c: OrderChange) => void): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
  }

  private dispatch(change: OrderChange): void {
    for (const l of this.byOrder.get(change.orderId) ?? []) l(change);
    for (const l of this.all) l(change);
  }
}
