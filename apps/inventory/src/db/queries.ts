import { asc, eq, inArray, sql } from "drizzle-orm";
import type { SkuBooks, StockLevel } from "../contract.ts";
import type { InventoryDb } from "../deps.ts";
import { availableOf, isLow } from "../domain/stock.ts";
import { ledger, stock } from "./schema.ts";

export function toLevel(row: typeof stock.$inferSelect): StockLevel {
  const available = availableOf(row);
  return {
    sku: row.sku,
    onHand: row.onHand,
    reserved: row.reserved,
    available,
    lowStockThreshold: row.lowStockThreshold,
    lowStock: isLow(available, row.lowStockThreshold),
    updatedAt: row.updatedAt,
  };
}

/** Current levels of the SKUs that exist, in no particular order. */
export async function levelsOf(db: InventoryDb, skus: readonly string[]): Promise<StockLevel[]> {
  if (skus.length === 0) return [];
  const rows = await db.orm
    .select()
    .from(stock)
    .where(inArray(stock.sku, [...new Set(skus)]));
  return rows.map(toLevel);
}

/** Every SKU's levels beside the sums of its ledger: they must be equal (the books check). */
export async function books(db: InventoryDb): Promise<SkuBooks[]> {
  const sums = db.orm
    .select({
      sku: ledger.sku,
      onHand: sql<number>`sum(${ledger.deltaOnHand})`.as("ledger_on_hand"),
      reserved: sql<number>`sum(${ledger.deltaReserved})`.as("ledger_reserved"),
    })
    .from(ledger)
    .groupBy(ledger.sku)
    .as("sums");
  const rows = await db.orm
    .select({
      sku: stock.sku,
      onHand: stock.onHand,
      reserved: stock.reserved,
      ledgerOnHand: sql<number>`coalesce(${sums.onHand}, 0)`,
      ledgerReserved: sql<number>`coalesce(${sums.reserved}, 0)`,
    })
    .from(stock)
    .leftJoin(sums, eq(sums.sku, stock.sku))
    .orderBy(asc(stock.sku));
  return rows.map((r) => ({
    ...r,
    ledgerOnHand: Number(r.ledgerOnHand),
    ledgerReserved: Number(r.ledgerReserved),
    balanced: Number(r.ledgerOnHand) === r.onHand && Number(r.ledgerReserved) === r.reserved,
  }));
}
