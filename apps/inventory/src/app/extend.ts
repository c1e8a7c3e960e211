import { and, eq, lt } from "drizzle-orm";
import { reservations } from "../db/schema.ts";
import type { InventoryTx } from "../deps.ts";

/**
 * A payment attempt started for the order: its active reservation is held until `until` (never
 * shortened). A lapsed, settled or unknown reservation is left alone. Returns whether it moved.
 */
export async function extendReservation(
  tx: InventoryTx,
  input: { orderId: string; until: Date; skip?: boolean },
): Promise<boolean> {
  if (input.skip) return false;
  const moved = await tx
    .update(reservations)
    .set({ expiresAt: input.until, updatedAt: new Date() })
    .where(
      and(
        eq(reservations.orderId, input.orderId),
        eq(reservations.status, "active"),
        lt(reservations.expiresAt, input.until),
      ),
    )
    .returning({ id: reservations.id });
  return moved.length > 0;
}
