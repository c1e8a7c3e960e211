import { type Envelope, type HandlerContext, OrderPaidEvent, OrderRefundedEvent, processOnce } from "@mercato/events";
import type { AnalyticsDeps } from "../deps.ts";
import { TODAY_KEY } from "../live/live-today.ts";
import { INBOX_CONSUMER } from "./inbox.ts";
import { recordEvent } from "./record.ts";

/** Events that change today's tiles. */
const TILE_EVENTS = new Set<string>([OrderPaidEvent.type, OrderRefundedEvent.type]);

/** A consumed event, recorded with its inbox row in one transaction; a redelivery changes nothing. */
export async function recordLive(
  deps: AnalyticsDeps,
  event: Envelope,
  ctx: Pick<HandlerContext, "storedAt">,
): Promise<void> {
  const outcome = await processOnce(deps.db, INBOX_CONSUMER, event, (tx) => recordEvent(tx as never, event));
  const now = Date.now();
  deps.lag.record(now - ctx.storedAt);
  deps.endToEnd.record(now - Date.parse(event.occurredAt));
  if (outcome.done && TILE_EVENTS.has(event.type)) deps.live.publish(TODAY_KEY);
}
