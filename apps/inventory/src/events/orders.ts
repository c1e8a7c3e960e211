import {
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  on,
  PaymentAttemptStarted,
  processOnce,
} from "@mercato/events";
import { extendReservation } from "../app/extend.ts";
import { reserveOrder } from "../app/reserve.ts";
import { cancelOrder, commitOrder } from "../app/settle.ts";
import type { InventoryDeps } from "../deps.ts";

/**
 * The inventory side of the checkout saga. Each effect and its outcome event commit together
 * with the inbox row, so a redelivered event changes nothing; the bus runs one order's events in
 * order (key = order id). A refusal that needs a person (paid without stock) throws, so the bus
 * retries and then dead-letters it.
 */
export function orderHandlers(deps: InventoryDeps) {
  const consumer = deps.name;
  const kickAfter = async (work: Promise<{ done: boolean }>) => {
    if ((await work).done) deps.relay.kick();
  };

  return [
    on(OrderPlacedEvent, (event) =>
      kickAfter(
        processOnce(deps.db, consumer, event, (tx) =>
          reserveOrder(tx, {
            orderId: event.data.orderId,
            lines: event.data.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
            ttlMs: event.data.userId === null ? deps.env.GUEST_RESERVATION_TTL_MS : deps.env.RESERVATION_TTL_MS,
            now: new Date(),
            correlationId: event.correlationId,
          }),
        ),
      ),
    ),
    on(PaymentAttemptStarted, (event) =>
      processOnce(deps.db, consumer, event, (tx) =>
        extendReservation(tx, {
          orderId: event.data.orderId,
          until: new Date(Date.now() + deps.env.RESERVATION_TTL_MS),
        }),
      ).then(() => undefined),
    ),
    on(OrderPaidEvent, (event) =>
      kickAfter(
        processOnce(deps.db, consumer, event, (tx) =>
          commitOrder(tx, { orderId: event.data.orderId, now: new Date(), correlationId: event.correlationId }),
        ),
      ),
    ),
    on(OrderCancelledEvent, (event) =>
      kickAfter(
        processOnce(deps.db, consumer, event, (tx) =>
          cancelOrder(tx, {
            orderId: event.data.orderId,
            wasPaid: event.data.wasPaid,
            reason: event.data.reason,
            now: new Date(),
            correlationId: event.correlationId,
          }),
        ),
      ),
    ),
  ];
}
