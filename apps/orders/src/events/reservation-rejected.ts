import { on, ReservationRejected } from "@mercato/events";
import type { OrdersDeps } from "../deps.ts";
import { rejectStock } from "../domain/decide.ts";
import { applyToOrder } from "./apply.ts";

/** Not enough stock for every line: the order is cancelled naming the short SKUs. */
export function reservationRejectedHandler(deps: OrdersDeps) {
  return on(ReservationRejected, async (event, ctx) => {
    await applyToOrder(deps, event, ctx, event.data.orderId, (s) => rejectStock(s, event.data.shortages));
  });
}
