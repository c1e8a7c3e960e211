import type { Database } from "@mercato/db";
import { eq } from "drizzle-orm";
import type * as schema from "./schema.ts";
import { orderViews } from "./schema.ts";

type Db = Database<typeof schema>;
export type OrderViewRow = typeof orderViews.$inferSelect;

export async function orderViewById(db: Db, orderId: string): Promise<OrderViewRow | undefined> {
  const [row] = await db.orm.select().from(orderViews).where(eq(orderViews.id, orderId));
  return row;
}
