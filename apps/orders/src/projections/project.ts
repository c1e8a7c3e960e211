import { prepareUpsert, type Tx } from "@mercato/db";
import type * as schema from "../db/schema.ts";
import { orderReturns, orderViews } from "../db/schema.ts";
import type { OrderState } from "../domain/order.ts";
import { orderReturnRows, orderViewRow } from "./order-view.ts";

// Written on every step of every order: statements built once (prepared.ts).
const upsertView = prepareUpsert(orderViews, orderViews.id);
const upsertReturn = prepareUpsert(orderReturns, orderReturns.id);

/** Writes the read model of an order in the transaction that appended its events. */
export async function projectOrder(tx: Tx<typeof schema>, state: OrderState): Promise<void> {
  await tx.run(upsertView(orderViewRow(state)));
  for (const r of orderReturnRows(state)) await tx.run(upsertReturn(r));
}
