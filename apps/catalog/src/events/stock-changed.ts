import { on, processOnce, StockChanged } from "@mercato/events";
import { recordAvailability } from "../app/record-availability.ts";
import type { CatalogDeps } from "../deps.ts";

/** Each inventory.stock.changed, once: the variant's availability and its product's in-stock flag. */
export function stockChangedHandler(deps: CatalogDeps) {
  return on(StockChanged, async (event) => {
    await processOnce(deps.db, "catalog", event, (tx) => recordAvailability(tx, event.data.sku, event.data.available));
  });
}
