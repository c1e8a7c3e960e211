import { type EventBus, LiveChannel } from "@mercato/events";
import type { Logger } from "@mercato/kit";

/** A wake-up: a message was stored in this conversation (the database is the record). */
export interface SupportWake {
  messageId: string;
}

/**
 * Support chat messages across instances (`live.support.<conversationId>` on core NATS, the
 * registry's `support` live topic): the shopper's stream listens to its conversation, the staff
 * inbox to all of them. A lost wake-up only delays a screen.
 */
export type SupportLive = LiveChannel<SupportWake>;

export function createSupportLive(nc: EventBus["nc"], log: Logger): SupportLive {
  return new LiveChannel<SupportWake>(nc, "support", log);
}
