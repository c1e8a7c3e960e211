import { afterCursor, decodeCursor, keysetPage } from "@mercato/db";
import { csvPage } from "@mercato/kit/csv-export";
import { and, desc, type SQL } from "drizzle-orm";
import { EXPORT_PAGE_SIZE, type ExportPage, ORDER_CSV_COLUMNS, type OrderCsvColumn } from "../contract.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { holdsSellerLines, sellerScope, sellerView } from "./seller-orders.ts";

type OrderRow = typeof orderViews.$inferSelect;
type CsvRecord = Record<OrderCsvColumn, string | number | boolean | null>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One order as one CSV row; a seller's row is the order as the seller sees it (its lines' money only). */
function orderRecord(row: OrderRow, seller: string | null): CsvRecord {
  const view = seller ? sellerView(row.detail, seller) : row.detail;
  const { totals } = view;
  return {
    number: row.number,
    status: row.status,
    payment_status: row.paymentStatus,
    fulfilment_status: row.fulfilmentStatus,
    placed_at: iso(row.placedAt),
    paid_at: iso(row.paidAt),
    customer_email: row.email,
    currency: totals.currency,
    item_count: view.lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: totals.subtotal,
    discount: totals.discount,
    shipping: totals.shipping,
    tax: totals.tax,
    tax_inclusive: totals.taxInclusive,
    total: totals.total,
    paid: view.paidAmount,
    refunded: view.refundedTotal,
  };
}

/**
 * One page of the orders CSV export (#24), newest first and paged by (placed at, id) like the
 * admin list, so orders placed while the file downloads do not shift it. The header is on the
 * first page; a seller exports the orders holding one of its lines, with those lines' money only.
 */
export async function exportOrdersPage(deps: Pick<OrdersDeps, "db">, cursor: string | null): Promise<ExportPage> {
  const seller = sellerScope();
  const where: (SQL | undefined)[] = [seller ? holdsSellerLines(seller) : undefined];
  if (cursor)
    where.push(afterCursor(orderViews.placedAt, orderViews.id, decodeCursor(cursor, ["number", "string"]), "desc"));
  const rows = await deps.db.orm
    .select()
    .from(orderViews)
    .where(and(...where))
    .orderBy(desc(orderViews.placedAt), desc(orderViews.id))
    .limit(EXPORT_PAGE_SIZE + 1);
  const page = keysetPage(rows, EXPORT_PAGE_SIZE, (last) => [last.placedAt, last.id]);
  const records = page.items.map((row) => orderRecord(row, seller));
  return { csv: csvPage(ORDER_CSV_COLUMNS, records, cursor === null), nextCursor: page.nextCursor };
}
