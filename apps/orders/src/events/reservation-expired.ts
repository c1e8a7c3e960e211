import { on, ReservationExpired } from "@mercato/events";
import type { OrdersDeps } from "../deps.ts";
import { expireReservation } from "../domain/decide.ts";
import { applyToOrder } from "./apply.ts";

/** The hold on stock ran out before payment: an unpaid order is cancelled (a paid one ignores it). */
export function reservationExpiredHandler(deps: OrdersDeps) {
  return on(ReservationExpired, async (event, ctx) => {
    await applyToOrder(deps, event, ctx, event.data.orderId, (s) => expireReservation(s, event.data.reservationId));
  });
}
