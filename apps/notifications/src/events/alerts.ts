import {
  type EventHandler,
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  on,
  PaymentFailed,
  StockLow,
} from "@mercato/events";
import { alertOnLowStock, alertOnPaymentFailed, trackPlacedOrder, untrackOrder } from "../app/alert-signals.ts";
import type { NotificationsDeps } from "../deps.ts";

/**
 * The live staff alerts' consumers (#22). They share event types with the email notifiers, so
 * `notificationHandlers` runs both for one delivery (each with its own inbox name).
 */
export function alertHandlers(deps: NotificationsDeps): EventHandler[] {
  return [
    on(StockLow, (event) => alertOnLowStock(deps, event)),
    on(PaymentFailed, (event) => alertOnPaymentFailed(deps, event)),
    on(OrderPlacedEvent, (event) => trackPlacedOrder(deps, event)),
    on(OrderPaidEvent, (event) => untrackOrder(deps, event)),
    on(OrderCancelledEvent, (event) => untrackOrder(deps, event)),
  ];
}
