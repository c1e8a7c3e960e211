import { on, processOnce, StockChanged } from "@mercato/events";
import { productOfSku, recordAvailability } from "../app/record-availability.ts";
import type { CatalogDeps } from "../deps.ts";

/**
 * Each inventory.stock.changed, once: the variant's availability and its product's in-stock flag;
 * then the product's copy at the edge (#25), also on a redelivery (the copy is idempotent, and a
 * failed one is retried with the event).
 */
export function stockChangedHandler(deps: CatalogDeps) {
  return on(StockChanged, async (event) => {
    const handled = await processOnce(deps.db, "catalog", event, (tx) =>
      recordAvailability(tx, event.data.sku, event.data.available, event.data.seq),
    );
    if (!deps.edge) return;
    const productId = handled.done ? handled.result : await productOfSku(deps.db.orm, event.data.sku);
    if (productId) await deps.edge.products([productId]);
  });
}
