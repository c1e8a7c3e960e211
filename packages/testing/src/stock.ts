import { eventually } from "./eventually.ts";
import type { ServiceClient } from "./names.ts";

type Inventory = ServiceClient<"inventory">["inventory"];

/** A SKU's available stock (0 for a SKU inventory does not know). */
export async function availableOf(inventory: Pick<Inventory, "availability">, sku: string): Promise<number> {
  const [level] = await inventory.availability.query({ skus: [sku] });
  return level?.available ?? 0;
}

/**
 * Sets a SKU's available stock to exactly `quantity` with an admin stock correction (`admin` is
 * the inventory router reached with an admin's token; `reason` goes into the ledger).
 */
export async function setStock(
  inventory: Pick<Inventory, "availability" | "admin">,
  sku: string,
  quantity: number,
  reason: string,
): Promise<void> {
  const delta = quantity - (await availableOf(inventory, sku));
  if (delta !== 0) await inventory.admin.adjust.mutate({ sku, kind: "correct", quantity: delta, reason });
}

/**
 * Waits until inventory holds a stock row for `sku` (made when it hears the catalog's
 * catalog.product.created). Not `availableOf`: availability answers a SKU it does not know with 0
 * too, so waiting for 0 did not wait, and a stock correction right after could be refused with
 * "no stock for" (FLAKY in apps/orders' gift-card e2e, and earlier in the security suite).
 */
export async function stockRowMade(
  inventory: Pick<Inventory, "admin">,
  sku: string,
  timeoutMs = 30_000,
): Promise<void> {
  await eventually(async () => {
    const page = await inventory.admin.list.query({ q: sku });
    return page.items.some((i) => i.sku === sku) ? true : undefined;
  }, timeoutMs);
}
