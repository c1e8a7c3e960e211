import type { Database } from "@mercato/db";
import { asc, inArray } from "drizzle-orm";
import type * as schema from "../db/schema.ts";
import { orderEvents, orderReturns, orderViews } from "../db/schema.ts";
import { parseOrderEvent } from "../domain/events.ts";
import { fold } from "../domain/order.ts";
import { projectOrder } from "./project.ts";

const ORDERS_PER_BATCH = 500;

/**
 * Throws the read models away and replays every order's events into them, in one transaction
 * (readers see the old or the new, never half). For a changed projection or a suspected drift.
 */
export async function rebuildProjections(db: Database<typeof schema>): Promise<{ orders: number; events: number }> {
  return db.write(async (tx) => {
    await tx.delete(orderViews);
    await tx.delete(orderReturns);
    const ids = (
      await tx.selectDistinct({ id: orderEvents.orderId }).from(orderEvents).orderBy(asc(orderEvents.orderId))
    ).map((r) => r.id);
    let events = 0;
    for (let i = 0; i < ids.length; i += ORDERS_PER_BATCH) {
      const batch = ids.slice(i, i + ORDERS_PER_BATCH);
      const rows = await tx
        .select()
        .from(orderEvents)
        .where(inArray(orderEvents.orderId, batch))
        .orderBy(asc(orderEvents.orderId), asc(orderEvents.version));
      events += rows.length;
      const byOrder = new Map<string, typeof rows>();
      for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
      for (const history of byOrder.values()) {
        const state = fold(history.map(parseOrderEvent));
        if (state) await projectOrder(tx, state);
      }
    }
    return { orders: ids.length, events };
  });
}
