import { decodeCursor, keysetPage } from "@mercato/db";
import { csvPage } from "@mercato/kit/csv-export";
import { and, asc, gt } from "drizzle-orm";
import { EXPORT_PAGE_SIZE, type ExportPage, STOCK_CSV_COLUMNS } from "../contract.ts";
import { toLevel } from "../db/queries.ts";
import { stock } from "../db/schema.ts";
import type { InventoryDeps } from "../deps.ts";
import { ownSkusOnly } from "./seller-stock.ts";

/**
 * One page of the stock CSV export (#24), in SKU order: each SKU's on hand, reserved, available
 * (on hand − reserved), its low-stock threshold and whether it is at or below it, and when it
 * last moved (UTC ISO). The header is on the first page; a seller exports its own SKUs only.
 */
export async function exportStockPage(deps: Pick<InventoryDeps, "db">, cursor: string | null): Promise<ExportPage> {
  // The SKU is the sort key and unique, so it alone is the cursor (as in the admin list).
  const after = cursor ? decodeCursor(cursor, ["string"])[0] : undefined;
  const rows = await deps.db.orm
    .select()
    .from(stock)
    .where(and(after !== undefined ? gt(stock.sku, after) : undefined, ownSkusOnly()))
    .orderBy(asc(stock.sku))
    .limit(EXPORT_PAGE_SIZE + 1);
  const page = keysetPage(rows.map(toLevel), EXPORT_PAGE_SIZE, (last) => [last.sku]);
  const records = page.items.map((level) => ({
    sku: level.sku,
    on_hand: level.onHand,
    reserved: level.reserved,
    available: level.available,
    low_stock_threshold: level.lowStockThreshold,
    low_stock: level.lowStock,
    updated_at: level.updatedAt.toISOString(),
  }));
  return { csv: csvPage(STOCK_CSV_COLUMNS, records, cursor === null), nextCursor: page.nextCursor };
}
