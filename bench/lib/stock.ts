/** Picking and stocking SKUs for checkout scenarios. */
import { setStock as setStockAt } from "@mercato/testing";
import type { Platform } from "./platform.ts";

/** SKUs inventory holds stock rows for (the demo catalog's) that the catalog sells now. */
export async function sellableSkus(p: Platform, count: number): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const totals = await p.internal.inventory.inventory.internal.totals.query();
    const known = totals.skus.map((s) => s.sku);
    const sellable: string[] = [];
    for (let i = 0; i < known.length && sellable.length < count; i += 100) {
      const found = await p.shop.catalog.products.bySkus.query({ skus: known.slice(i, i + 100) });
      sellable.push(...found.filter((v) => v.status === "active").map((v) => v.sku));
    }
    if (sellable.length >= count) return sellable.slice(0, count);
    // Inventory learns the demo SKUs from the catalog's events, shortly after start-up.
    if (Date.now() > deadline) throw new Error(`only ${sellable.length} sellable SKUs with stock, wanted ${count}`);
    await Bun.sleep(500);
  }
}

/** Sets a SKU's available stock to exactly `quantity` (an admin stock correction). */
export const setStock = (p: Platform, sku: string, quantity: number) =>
  setStockAt(p.admin.inventory.inventory, sku, quantity, "bench setup");
