/** Public stock reads: a snapshot, and a live feed for product pages and carts. */

import type { Availability } from "../contract.ts";
import { levelsOf } from "../db/queries.ts";
import type { InventoryDeps } from "../deps.ts";
import { isLow } from "../domain/stock.ts";

function availabilityOf(sku: string, available: number, threshold: number | undefined): Availability {
  return { sku, available, lowStock: threshold !== undefined && isLow(available, threshold) };
}

/** Every requested SKU once, in the order asked; an unknown SKU has nothing available. */
export async function readAvailability(
  deps: Pick<InventoryDeps, "db">,
  skus: readonly string[],
): Promise<Availability[]> {
  const levels = new Map((await levelsOf(deps.db, skus)).map((l) => [l.sku, l]));
  return [...new Set(skus)].map((sku) => {
    const level = levels.get(sku);
    return { sku, available: level?.available ?? 0, lowStock: level?.lowStock ?? false };
  });
}

/** Yields the current levels of the SKUs, then each change as inventory announces it, until `signal` aborts. */
export async function* watchAvailability(
  deps: Pick<InventoryDeps, "db" | "stockFeed">,
  skus: readonly string[],
  signal: AbortSignal | undefined,
): AsyncGenerator<Availability> {
  const wanted = new Set(skus);
  // The process's one shared subscription to the stock event, listened to (and confirmed by the
  // server) before the snapshot is read, so no change falls between the two.
  const changes = deps.stockFeed.watch(wanted, signal);
  await deps.stockFeed.ready;
  const levels = await levelsOf(deps.db, [...wanted]);
  const thresholds = new Map(levels.map((l) => [l.sku, l.lowStockThreshold]));
  for (const l of levels) yield availabilityOf(l.sku, l.available, l.lowStockThreshold);
  for await (const { sku, available } of changes) yield availabilityOf(sku, available, thresholds.get(sku));
}
