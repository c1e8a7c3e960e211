import type { Tx } from "@mercato/db";
import type * as schema from "../db/schema.ts";
import { orderReturns, orderViews } from "../db/schema.ts";
import type { OrderState } from "../domain/order.ts";
import { orderReturnRows, orderViewRow } from "./order-view.ts";

/** Writes the read model of an order in the transaction that appended its events. */
export async function projectOrder(tx: Tx<typeof schema>, state: OrderState): Promise<void> {
  const row = orderViewRow(state);
  const { id: _id, ...changes } = row;
  await tx.insert(orderViews).values(row).onConflictDoUpdate({ target: orderViews.id, set: changes });
  for (const r of orderReturnRows(state)) {
    const { id: _rid, ...rest } = r;
    await tx.insert(orderReturns).values(r).onConflictDoUpdate({ target: orderReturns.id, set: rest });
  }
}
