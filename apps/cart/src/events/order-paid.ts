import { OrderPaidEvent, on } from "@mercato/events";
import { countCodeUse } from "../app/count-code-use.ts";
import type { CartDeps } from "../deps.ts";

export function orderPaidHandler(deps: CartDeps) {
  return on(OrderPaidEvent, (event, { log }) => countCodeUse(deps, event, log));
}
