import { recordAudit } from "@mercato/kit/audit";
import { conflict, notFound } from "@mercato/kit/errors";
import { eq } from "drizzle-orm";
import type { AdjustedStock, AdjustmentKind } from "../contract.ts";
import { stock } from "../db/schema.ts";
import type { InventoryDeps, InventoryTx } from "../deps.ts";
import { adjustmentDelta, availableOf, type Levels } from "../domain/stock.ts";
import { applyMovement } from "./movement.ts";
import { assertOwnsSku } from "./seller-stock.ts";

export interface Adjustment {
  sku: string;
  kind: AdjustmentKind;
  quantity: number;
  reason: string;
  /** The admin's user id, for the ledger. */
  actor: string;
}

/** An admin's receipt or stock-count correction, in the caller's transaction. Refusals write nothing. */
export async function applyAdjustment(tx: InventoryTx, input: Adjustment & { now: Date }): Promise<Levels> {
  const [levels] = await tx
    .select({ onHand: stock.onHand, reserved: stock.reserved })
    .from(stock)
    .where(eq(stock.sku, input.sku));
  if (!levels) throw notFound("sku", `no stock for "${input.sku}"`);
  const delta = adjustmentDelta(levels, input.kind, input.quantity);
  const after = await applyMovement(
    tx,
    {
      sku: input.sku,
      kind: input.kind === "receive" ? "receive" : "adjust",
      deltaOnHand: delta,
      deltaReserved: 0,
      reason: input.reason,
      actor: input.actor,
    },
    { now: input.now },
  );
  // Only reachable if the levels changed between the read and the guarded write.
  if (!after) throw conflict("quantity", "stock changed meanwhile; try again");
  return after;
}

/** Adjusts a SKU's stock and announces the change (the outbox relay is kicked after the commit). */
export async function adjustStock(
  deps: Pick<InventoryDeps, "db" | "relay">,
  input: Adjustment,
): Promise<AdjustedStock> {
  const levels = await deps.db.write(async (tx) => {
    // A seller adjusts its own SKUs only; the change and its audit record commit together (#20).
    await assertOwnsSku(tx, input.sku);
    const [before] = await tx
      .select({ onHand: stock.onHand, reserved: stock.reserved })
      .from(stock)
      .where(eq(stock.sku, input.sku));
    const after = await applyAdjustment(tx, { ...input, now: new Date() });
    await recordAudit(tx, {
      action: "inventory.admin.adjust",
      targetId: input.sku,
      before: before ? { ...before, available: availableOf(before) } : null,
      after: {
        ...after,
        available: availableOf(after),
        kind: input.kind,
        quantity: input.quantity,
        reason: input.reason,
      },
    });
    return after;
  });
  deps.relay.kick();
  return { sku: input.sku, ...levels, available: availableOf(levels) };
}
