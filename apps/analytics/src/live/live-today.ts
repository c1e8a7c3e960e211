import { type EventBus, LiveChannel, type LiveLogger } from "@mercato/events";

/**
 * "Today's numbers changed" (`live.analytics.today` on core NATS), announced by whichever instance
 * recorded a paid order or a refund; every instance's open tiles re-read the database. A wake-up,
 * not a record: a lost one only delays a screen (the tiles also re-read every few seconds).
 */
export type LiveToday = LiveChannel<void>;

export const TODAY_KEY = "today";

export function createLiveToday(nc: EventBus["nc"], log: LiveLogger): LiveToday {
  return new LiveChannel<void>(nc, "analytics", log);
}
