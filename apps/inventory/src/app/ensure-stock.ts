import { stock } from "../db/schema.ts";
import type { InventoryTx } from "../deps.ts";
import { demoQuantity } from "../domain/demo-stock.ts";
import { applyMovement } from "./movement.ts";

export interface EnsureStockOptions {
  now: Date;
  lowStockThreshold: number;
  /**
   * Give each newly created SKU its demo quantity as a "receive" movement: only for the demo
   * catalog's own SKUs at seed time (demo mode and the catalog's demo seed), never for later ones.
   */
  demo: boolean;
  correlationId?: string;
}

/** Creates stock rows at zero for SKUs not seen before (with demo stock when `demo`); returns the SKUs it created. */
export async function ensureStock(
  tx: InventoryTx,
  skus: readonly string[],
  opts: EnsureStockOptions,
): Promise<string[]> {
  const unique = [...new Set(skus)];
  if (unique.length === 0) return [];
  const created = await tx
    .insert(stock)
    .values(
      unique.map((sku) => ({
        sku,
        onHand: 0,
        reserved: 0,
        lowStockThreshold: opts.lowStockThreshold,
        createdAt: opts.now,
        updatedAt: opts.now,
      })),
    )
    .onConflictDoNothing()
    .returning({ sku: stock.sku });
  if (opts.demo) {
    for (const { sku } of created) {
      const quantity = demoQuantity(sku);
      if (quantity === 0) continue;
      await applyMovement(
        tx,
        { sku, kind: "receive", deltaOnHand: quantity, deltaReserved: 0, reason: "demo stock", actor: "system" },
        { now: opts.now, correlationId: opts.correlationId },
      );
    }
  }
  return created.map((c) => c.sku);
}
