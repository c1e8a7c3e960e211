import { OrderCancelledEvent, OrderPaidEvent, on } from "@mercato/events";
import { countCodeUse, releaseCodeUse } from "../app/count-code-use.ts";
import type { CartDeps } from "../deps.ts";

export function orderPaidHandler(deps: CartDeps) {
  return on(OrderPaidEvent, (event, { log }) => countCodeUse(deps, event, log));
}

/** A cancelled or lapsed order gives its discount code's use back. */
export function orderCancelledHandler(deps: CartDeps) {
  return on(OrderCancelledEvent, (event) => releaseCodeUse(deps, event));
}
