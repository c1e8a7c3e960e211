import {
  OrderCancelledEvent,
  OrderLinesCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderReturnReceivedEvent,
  OrderShipmentShippedEvent,
  on,
  PaymentAttemptStarted,
  processOnce,
} from "@mercato/events";
import { extendReservation } from "../app/extend.ts";
import { cancelLines, receiveReturn, shipExchangeUnits } from "../app/lines.ts";
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
            // Gift cards (#27) hold no stock: an order of gift cards only reserves nothing and goes on.
            lines: event.data.lines.flatMap((l) =>
              l.kind === "gift_card" ? [] : [{ sku: l.sku, quantity: l.quantity }],
            ),
            ttlMs: event.data.userId === null ? deps.env.GUEST_RESERVATION_TTL_MS : deps.env.RESERVATION_TTL_MS,
            now: new Date(),
            correlationId: event.correlationId,
          }),
        ),
      ),
    ),
    on(PaymentAttemptStarted, (event) =>
      processOnce(deps.db, consumer, event, (tx) =>
        // An exchange's payment holds no reservation of the order's (its units leave when they ship).
        extendReservation(tx, {
          orderId: event.data.orderId,
          until: new Date(Date.now() + deps.env.RESERVATION_TTL_MS),
          skip: event.data.purpose !== "order",
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
    // Issue #19: some lines cancelled, a return received, an exchange's replacement shipped.
    on(OrderLinesCancelledEvent, (event) =>
      kickAfter(
        processOnce(deps.db, consumer, event, (tx) =>
          cancelLines(tx, {
            orderId: event.data.orderId,
            lines: event.data.lines,
            reason: event.data.reason,
            now: new Date(),
            correlationId: event.correlationId,
          }),
        ),
      ),
    ),
    on(OrderReturnReceivedEvent, (event) =>
      kickAfter(
        processOnce(deps.db, consumer, event, (tx) =>
          receiveReturn(tx, {
            orderId: event.data.orderId,
            returnId: event.data.returnId,
            returnNumber: event.data.returnNumber,
            lines: event.data.lines,
            now: new Date(),
            correlationId: event.correlationId,
          }),
        ),
      ),
    ),
    on(OrderShipmentShippedEvent, (event) => {
      const returnId = event.data.exchangeReturnId;
      // An order's own units left its stock when it was paid: only an exchange's replacements move now.
      if (returnId === null) return Promise.resolve();
      return kickAfter(
        processOnce(deps.db, consumer, event, (tx) =>
          shipExchangeUnits(tx, {
            orderId: event.data.orderId,
            returnId,
            shipmentId: event.data.shipmentId,
            lines: event.data.lines,
            now: new Date(),
            correlationId: event.correlationId,
          }),
        ),
      );
    }),
  ];
}
