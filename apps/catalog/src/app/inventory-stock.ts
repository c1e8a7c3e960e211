import type { InventoryRouter } from "@mercato/inventory";
import { SET_STOCK_MAX_ITEMS } from "@mercato/inventory/contract";
import { createServiceClient, type ServiceTokenSigner } from "@mercato/kit";
import type { StockSetter } from "./import-products.ts";

/** The CSV import's stock: inventory.internal.setStock with the catalog's service credential. */
export function inventoryStockSetter(inventoryUrl: string, serviceToken: ServiceTokenSigner): StockSetter {
  const inventory = createServiceClient<InventoryRouter>("inventory", inventoryUrl, serviceToken);
  return async (items) => {
    const out: Awaited<ReturnType<StockSetter>> = { changed: [], refused: [] };
    for (let i = 0; i < items.length; i += SET_STOCK_MAX_ITEMS) {
      const answer = await inventory.inventory.internal.setStock.mutate({
        items: items.slice(i, i + SET_STOCK_MAX_ITEMS),
        reason: "CSV import",
      });
      out.changed.push(...answer.changed);
      out.refused.push(...answer.refused);
    }
    return out;
  };
}
