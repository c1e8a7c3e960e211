import type { Database } from "@mercato/db";
import { count, eq } from "drizzle-orm";
import { ORDER_STATUSES, type OrderStatus } from "../contract.ts";
import type * as schema from "./schema.ts";
import { orderViews } from "./schema.ts";

type Db = Database<typeof schema>;
export type OrderViewRow = typeof orderViews.$inferSelect;

export async function orderViewById(db: Db, orderId: string): Promise<OrderViewRow | undefined> {
  const [row] = await db.orm.select().from(orderViews).where(eq(orderViews.id, orderId));
  return row;
}

/** How many orders are in each status (every status present, 0 when none), and in all. */
export async function countByStatus(db: Db): Promise<{ byStatus: Record<OrderStatus, number>; total: number }> {
  const rows = await db.orm
    .select({ status: orderViews.status, n: count() })
    .from(orderViews)
    .groupBy(orderViews.status);
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const r of rows) byStatus[r.status] = r.n;
  return { byStatus, total: rows.reduce((n, r) => n + r.n, 0) };
}
