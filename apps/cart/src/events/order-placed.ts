import { OrderPlacedEvent, on } from "@mercato/events";
import { emptyOrderedCart } from "../app/empty-ordered-cart.ts";
import type { CartDeps } from "../deps.ts";

export function orderPlacedHandler(deps: CartDeps) {
  return on(OrderPlacedEvent, (event) => emptyOrderedCart(deps, event));
}
