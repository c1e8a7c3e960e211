import { afterCursor, decodeCursor, keysetPage } from "@mercato/db";
import { and, desc, eq, gte, lte, or, type SQL, sql } from "drizzle-orm";
import type { AdminListInput, MyOrdersInput, OrderPage } from "../contract.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { orderSummary } from "../projections/order-view.ts";
import { sellerOrderList, sellerScope } from "./seller-orders.ts";

/** LIKE with the user's text taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Orders matching `where`, newest first, paged by (placed at, id): stable while orders are placed. */
async function newestFirst(
  deps: OrdersDeps,
  where: (SQL | undefined)[],
  page: { limit: number; cursor?: string },
): Promise<OrderPage> {
  if (page.cursor) {
    const key = decodeCursor(page.cursor, ["number", "string"]);
    where.push(afterCursor(orderViews.placedAt, orderViews.id, key, "desc"));
  }
  const rows = await deps.db.orm
    .select()
    .from(orderViews)
    .where(and(...where))
    .orderBy(desc(orderViews.placedAt), desc(orderViews.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = keysetPage(rows, page.limit, (last) => [last.placedAt, last.id]);
  return { items: items.map(orderSummary), nextCursor };
}

/** The signed-in shopper's own orders. */
export function myOrders(deps: OrdersDeps, userId: string, input: MyOrdersInput): Promise<OrderPage> {
  return newestFirst(deps, [eq(orderViews.userId, userId)], input);
}

/** The admin's list, filtered by the three statuses, placed time, customer email and text in the number or email. */
export function adminOrderList(deps: OrdersDeps, input: AdminListInput): Promise<OrderPage> {
  const seller = sellerScope();
  if (seller) return sellerOrderList(deps, seller, input);
  const where: (SQL | undefined)[] = [];
  if (input.status) where.push(eq(orderViews.status, input.status));
  if (input.paymentStatus) where.push(eq(orderViews.paymentStatus, input.paymentStatus));
  if (input.fulfilmentStatus) where.push(eq(orderViews.fulfilmentStatus, input.fulfilmentStatus));
  if (input.from) where.push(gte(orderViews.placedAt, input.from.getTime()));
  if (input.to) where.push(lte(orderViews.placedAt, input.to.getTime()));
  if (input.customer) where.push(eq(orderViews.email, input.customer.trim().toLowerCase()));
  if (input.q) {
    const pattern = containing(input.q.trim());
    where.push(
      or(
        sql`lower(${orderViews.number}) like ${pattern} escape '\\'`,
        sql`${orderViews.email} like ${pattern} escape '\\'`,
      ),
    );
  }
  return newestFirst(deps, where, input);
}
