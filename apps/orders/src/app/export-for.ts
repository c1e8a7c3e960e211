/**
 * A user's orders for their data export (identity.account.export calls it): those placed while
 * signed in, and the guest orders placed with their email, as their detail pages show them
 * (newest first), without the guest access-token hash.
 */
import { desc, eq, or } from "drizzle-orm";
import type { ExportForInput, OrderView } from "../contract.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";

export async function exportFor(deps: Pick<OrdersDeps, "db">, input: ExportForInput): Promise<OrderView[]> {
  const rows = await deps.db.orm
    .select({ detail: orderViews.detail })
    .from(orderViews)
    .where(or(eq(orderViews.userId, input.userId), eq(orderViews.email, input.email.toLowerCase())))
    .orderBy(desc(orderViews.placedAt), desc(orderViews.id));
  return rows.map((r) => r.detail);
}
