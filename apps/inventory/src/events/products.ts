import { type EventOf, on, ProductCreated, ProductUpdated, processOnce } from "@mercato/events";
import { ensureStock } from "../app/ensure-stock.ts";
import { recordSkuOwners } from "../app/seller-stock.ts";
import type { InventoryDeps } from "../deps.ts";
import { isDemoSeed } from "../domain/demo-stock.ts";

/**
 * Every SKU the catalog announces gets a stock row at zero. In demo mode, the SKUs the catalog's
 * demo seed announces (its correlation id) get their demo quantity; an admin's SKU starts at zero.
 * A gift card's SKUs (#27) get none: a card is issued per unit paid, there is nothing to count.
 */
export function productHandlers(deps: InventoryDeps) {
  const handle = async (event: EventOf<typeof ProductCreated> | EventOf<typeof ProductUpdated>) => {
    if (event.data.kind === "gift_card") return;
    const result = await processOnce(deps.db, deps.name, event, async (tx) => {
      // Who sells these SKUs (#20), for sellers' stock scoping.
      await recordSkuOwners(tx, event.data, new Date());
      return ensureStock(
        tx,
        event.data.variants.map((v) => v.sku),
        {
          now: new Date(),
          lowStockThreshold: deps.env.LOW_STOCK_THRESHOLD,
          demo: deps.env.SEED_DEMO && isDemoSeed(event),
          correlationId: event.correlationId,
        },
      );
    });
    if (result.done && result.result.length > 0) deps.relay.kick();
  };
  return [on(ProductCreated, handle), on(ProductUpdated, handle)];
}
