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
