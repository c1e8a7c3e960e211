import { recordAudit } from "@mercato/kit/audit";
import { eq } from "drizzle-orm";
import type { SetStockResult } from "../contract.ts";
import { stock } from "../db/schema.ts";
import type { InventoryDeps } from "../deps.ts";
import { ensureStock } from "./ensure-stock.ts";
import { applyMovement } from "./movement.ts";

export interface SetStock {
  items: { sku: string; onHand: number }[];
  reason: string;
  /** Who asked (the calling service), for the ledger. */
  actor: string;
}

/**
 * Sets SKUs' on-hand quantities (the catalog's CSV import): a SKU not seen yet gets its stock row
 * first (its product.created event may still be on its way), a SKU already at the quantity is left
 * alone (no ledger row, no event), and a quantity below what open orders hold is refused for that
 * SKU only. One transaction; the changes' stock.changed events go out after the commit.
 */
export async function setStock(
  deps: Pick<InventoryDeps, "db" | "relay" | "env">,
  input: SetStock,
): Promise<SetStockResult> {
  const result: SetStockResult = { changed: [], unchanged: [], refused: [] };
  await deps.db.write(async (tx) => {
    const now = new Date();
    await ensureStock(
      tx,
      input.items.map((i) => i.sku),
      { now, lowStockThreshold: deps.env.LOW_STOCK_THRESHOLD, demo: false },
    );
    for (const item of input.items) {
      const [levels] = await tx
        .select({ onHand: stock.onHand, reserved: stock.reserved })
        .from(stock)
        .where(eq(stock.sku, item.sku));
      if (!levels) continue;
      const delta = item.onHand - levels.onHand;
      if (delta === 0) {
        result.unchanged.push(item.sku);
        continue;
      }
      if (item.onHand < levels.reserved) {
        result.refused.push({ sku: item.sku, reason: `${item.onHand} is below the ${levels.reserved} reserved` });
        continue;
      }
      const after = await applyMovement(
        tx,
        {
          sku: item.sku,
          kind: "adjust",
          deltaOnHand: delta,
          deltaReserved: 0,
          reason: input.reason,
          actor: input.actor,
        },
        { now },
      );
      if (!after) {
        result.refused.push({ sku: item.sku, reason: "stock changed meanwhile; try again" });
        continue;
      }
      await recordAudit(tx, {
        action: "inventory.internal.setStock",
        targetId: item.sku,
        before: levels,
        after: { onHand: after.onHand, reserved: after.reserved, reason: input.reason },
      });
      result.changed.push(item.sku);
    }
  });
  if (result.changed.length) deps.relay.kick();
  return result;
}
