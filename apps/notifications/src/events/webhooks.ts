import {
  type EventHandler,
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  OrderShipmentShippedEvent,
  on,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  StockLow,
  UserRegistered,
} from "@mercato/events";
import { queueWebhooks } from "../app/webhook-deliveries.ts";
import type { NotificationsDeps } from "../deps.ts";
import {
  mapOrderCancelled,
  mapOrderPaid,
  mapOrderPlaced,
  mapOrderRefunded,
  mapProductArchived,
  mapProductCreated,
  mapProductUpdated,
  mapShipmentShipped,
  mapStockLow,
  mapUserRegistered,
} from "../domain/webhook-payloads.ts";

/**
 * Outbound webhooks' consumers (#24): each platform event an integrator may hear of, mapped to its
 * webhook type and queued for the endpoints subscribed to it. They share event types with the
 * email and alert handlers (`notificationHandlers` runs all of them, each with its own inbox name).
 */
export function webhookHandlers(deps: NotificationsDeps): EventHandler[] {
  return [
    on(OrderPlacedEvent, (e) => queueWebhooks(deps, e, mapOrderPlaced(e))),
    on(OrderPaidEvent, (e) => queueWebhooks(deps, e, mapOrderPaid(e))),
    on(OrderShipmentShippedEvent, (e) => queueWebhooks(deps, e, mapShipmentShipped(e))),
    on(OrderCancelledEvent, (e) => queueWebhooks(deps, e, mapOrderCancelled(e))),
    on(OrderRefundedEvent, (e) => queueWebhooks(deps, e, mapOrderRefunded(e))),
    on(ProductCreated, (e) => queueWebhooks(deps, e, mapProductCreated(e))),
    on(ProductUpdated, (e) => queueWebhooks(deps, e, mapProductUpdated(e))),
    on(ProductArchived, (e) => queueWebhooks(deps, e, mapProductArchived(e))),
    on(StockLow, (e) => queueWebhooks(deps, e, mapStockLow(e))),
    on(UserRegistered, (e) => queueWebhooks(deps, e, mapUserRegistered(e))),
  ];
}
