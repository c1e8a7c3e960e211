import { createEvent, enqueue, StockLow } from "@mercato/events";
import { recordAudit } from "@mercato/kit/audit";
import { notFound } from "@mercato/kit/errors";
import { eq } from "drizzle-orm";
import type { SetLowStockThresholdInput, StockLevel } from "../contract.ts";
import { toLevel } from "../db/queries.ts";
import { stock } from "../db/schema.ts";
import type { InventoryDeps } from "../deps.ts";
import { availableOf, isLow } from "../domain/stock.ts";
import { assertOwnsSku } from "./seller-stock.ts";

/**
 * Sets a SKU's low-stock threshold (#22; before, only LOW_STOCK_THRESHOLD at the SKU's creation).
 * Audited with the threshold before and after. A threshold raised to or above what is available
 * now is a crossing like a sale's: `inventory.stock.low.v1` is published once, so staff hear of
 * it; lowering it, or a SKU already low, publishes nothing.
 */
export async function setLowStockThreshold(
  deps: Pick<InventoryDeps, "db" | "relay">,
  input: SetLowStockThresholdInput,
): Promise<StockLevel> {
  const level = await deps.db.write(async (tx) => {
    await assertOwnsSku(tx, input.sku);
    const [before] = await tx.select().from(stock).where(eq(stock.sku, input.sku));
    if (!before) throw notFound("sku", `no stock for "${input.sku}"`);
    const [after] = await tx
      .update(stock)
      .set({ lowStockThreshold: input.threshold, updatedAt: new Date() })
      .where(eq(stock.sku, input.sku))
      .returning();
    if (!after) throw notFound("sku", `no stock for "${input.sku}"`);
    const available = availableOf(after);
    if (!isLow(available, before.lowStockThreshold) && isLow(available, input.threshold)) {
      await enqueue(
        tx,
        createEvent(StockLow, { sku: input.sku, available, threshold: input.threshold }, { key: input.sku }),
      );
    }
    await recordAudit(tx, {
      action: "inventory.admin.setLowStockThreshold",
      targetId: input.sku,
      before: { lowStockThreshold: before.lowStockThreshold, available: availableOf(before) },
      after: { lowStockThreshold: after.lowStockThreshold, available },
    });
    return toLevel(after);
  });
  deps.relay.kick();
  return level;
}
