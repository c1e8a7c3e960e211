import type { OrdersDeps } from "../deps.ts";
import { paymentFailedHandler } from "./payment-failed.ts";
import { paymentRefundedHandler } from "./payment-refunded.ts";
import { paymentSucceededHandler } from "./payment-succeeded.ts";
import { reservationExpiredHandler } from "./reservation-expired.ts";
import { reservationRejectedHandler } from "./reservation-rejected.ts";
import { stockReservedHandler } from "./stock-reserved.ts";

/** The saga's reactions to inventory and payments. */
export function orderHandlers(deps: OrdersDeps) {
  return [
    stockReservedHandler(deps),
    reservationRejectedHandler(deps),
    reservationExpiredHandler(deps),
    paymentSucceededHandler(deps),
    paymentFailedHandler(deps),
    paymentRefundedHandler(deps),
  ];
}
