import type { Database, Tx } from "@mercato/db";
import { eq } from "drizzle-orm";
import type * as schema from "../db/schema.ts";
import { orderLines, orderUsers } from "../db/schema.ts";
import type { UnitLine } from "../templates/units.tsx";

type Db = Database<typeof schema>;

/**
 * What notifications remembers of an order from orders.placed / orders.paid: which account placed
 * it (none for guests) and its lines' titles. Ids, SKUs and titles only: no address.
 */
export async function rememberOrder(
  tx: Tx<typeof schema>,
  order: { orderId: string; userId: string | null; lines: readonly { sku: string; title: string }[] },
): Promise<void> {
  if (order.userId) {
    await tx.insert(orderUsers).values({ orderId: order.orderId, userId: order.userId }).onConflictDoNothing();
  }
  const titles = new Map(order.lines.map((l) => [l.sku, l.title]));
  if (titles.size === 0) return;
  await tx
    .insert(orderLines)
    .values([...titles].map(([sku, title]) => ({ orderId: order.orderId, sku, title })))
    .onConflictDoNothing();
}

/** The account that placed an order, if one did (guests: null) and we heard of it. */
export async function userOfOrder(db: Db, orderId: string): Promise<string | null> {
  const [row] = await db.orm.select().from(orderUsers).where(eq(orderUsers.orderId, orderId));
  return row?.userId ?? null;
}

/** Units of an order with their titles where known (an exchange's new SKU, an old order: none). */
export async function titled(
  db: Db,
  orderId: string,
  units: readonly { sku: string; quantity: number; note?: string }[],
): Promise<UnitLine[]> {
  const rows = await db.orm.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const titles = new Map(rows.map((r) => [r.sku, r.title]));
  return units.map((u) => ({ ...u, title: titles.get(u.sku) ?? null }));
}
