import { on, ProductUpdated, StockChanged } from "@mercato/events";
import { onProductUpdated, onStockChanged } from "../app/wishlist-alerts.ts";
import type { CartDeps } from "../deps.ts";

/** Stock and price changes of wished variants become wishlist alerts (app/wishlist-alerts.ts). */
export function wishlistHandlers(deps: CartDeps) {
  return [
    on(StockChanged, (event) => onStockChanged(deps, event)),
    on(ProductUpdated, (event) => onProductUpdated(deps, event)),
  ];
}
