import { type EventBus, LiveChannel } from "@mercato/events";
import type { Logger } from "@mercato/kit";
import type { OrderChange } from "../contract.ts";

/**
 * Order changes across instances (`live.orders.<orderId>` on core NATS): whichever instance
 * commits a change announces it, and every instance's checkout waits and subscriptions hear it.
 * Wake-ups, not a record: the event store is the truth, so a lost one only delays a screen.
 */
export type LiveOrders = LiveChannel<OrderChange>;

export function createLiveOrders(nc: EventBus["nc"], log: Logger): LiveOrders {
  return new LiveChannel<OrderChange>(nc, "orders", log);
}
