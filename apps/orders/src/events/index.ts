import {
  on,
  PaymentFailed,
  PaymentRefunded,
  PaymentSucceeded,
  ReservationExpired,
  ReservationRejected,
  StockReserved,
} from "@mercato/events";
import {
  onPaymentFailed,
  onPaymentRefunded,
  onPaymentSucceeded,
  onReservationExpired,
  onReservationRejected,
  onStockReserved,
} from "../app/saga.ts";
import type { OrdersDeps } from "../deps.ts";
import { identityHandlers } from "./identity.ts";

/** The saga's reactions to inventory and payments (app/saga.ts says what each does). */
export function orderHandlers(deps: OrdersDeps) {
  return [
    on(StockReserved, (event, ctx) => onStockReserved(deps, event, ctx)),
    on(ReservationRejected, (event, ctx) => onReservationRejected(deps, event, ctx)),
    on(ReservationExpired, (event, ctx) => onReservationExpired(deps, event, ctx)),
    on(PaymentSucceeded, (event, ctx) => onPaymentSucceeded(deps, event, ctx)),
    on(PaymentFailed, (event, ctx) => onPaymentFailed(deps, event, ctx)),
    on(PaymentRefunded, (event, ctx) => onPaymentRefunded(deps, event, ctx)),
    ...identityHandlers(deps),
  ];
}
