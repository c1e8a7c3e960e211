import type { Tx } from "@mercato/db";
import type * as schema from "../db/schema.ts";
import { orderViews } from "../db/schema.ts";
import type { OrderState } from "../domain/order.ts";
import { orderViewRow } from "./order-view.ts";

/** Writes the read model of an order in the transaction that appended its events. */
export async function projectOrder(tx: Tx<typeof schema>, state: OrderState): Promise<void> {
  const row = orderViewRow(state);
  const { id: _id, ...changes } = row;
  await tx.insert(orderViews).values(row).onConflictDoUpdate({ target: orderViews.id, set: changes });
}
