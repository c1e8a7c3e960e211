import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { stock } from "../db/schema.ts";
import type { InventoryTx } from "../deps.ts";
import { type AdjustmentKind, adjustmentDelta, type Levels } from "../domain/stock.ts";
import { applyMovement } from "./movement.ts";

export interface AdjustInput {
  sku: string;
  kind: AdjustmentKind;
  quantity: number;
  reason: string;
  actor: string;
  now: Date;
}

/** An admin's receipt or stock-count correction. Refusals are 4xx errors and write nothing. */
export async function adjustStock(tx: InventoryTx, input: AdjustInput): Promise<Levels> {
  const [levels] = await tx
    .select({ onHand: stock.onHand, reserved: stock.reserved })
    .from(stock)
    .where(eq(stock.sku, input.sku));
  if (!levels) throw new TRPCError({ code: "NOT_FOUND", message: `sku: no stock for "${input.sku}"` });
  const planned = adjustmentDelta(levels, input.kind, input.quantity);
  if (!planned.ok) throw new TRPCError({ code: "BAD_REQUEST", message: planned.message });
  const after = await applyMovement(
    tx,
    {
      sku: input.sku,
      kind: input.kind === "receive" ? "receive" : "adjust",
      deltaOnHand: planned.delta,
      deltaReserved: 0,
      reason: input.reason,
      actor: input.actor,
    },
    { now: input.now },
  );
  // Only reachable if the levels changed between the read and the guarded write.
  if (!after) throw new TRPCError({ code: "CONFLICT", message: "quantity: stock changed meanwhile; try again" });
  return after;
}
