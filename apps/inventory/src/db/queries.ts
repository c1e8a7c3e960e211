import { and, asc, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { InventoryDb } from "../deps.ts";
import { availableOf, isLow } from "../domain/stock.ts";
import { ledger, reservations, stock } from "./schema.ts";

export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
  lowStock: boolean;
  updatedAt: Date;
}

function toLevel(row: typeof stock.$inferSelect): StockLevel {
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

export async function listStock(
  db: InventoryDb,
  opts: { lowOnly: boolean; q?: string; limit: number; cursor?: string },
): Promise<{ items: StockLevel[]; nextCursor: string | null }> {
  const rows = await db.orm
    .select()
    .from(stock)
    .where(
      and(
        opts.lowOnly ? sql`${stock.onHand} - ${stock.reserved} <= ${stock.lowStockThreshold}` : undefined,
        // instr, not LIKE, so "%" and "_" in a search are plain characters.
        opts.q ? sql`instr(lower(${stock.sku}), lower(${opts.q})) > 0` : undefined,
        opts.cursor ? gt(stock.sku, opts.cursor) : undefined,
      ),
    )
    .orderBy(asc(stock.sku))
    .limit(opts.limit + 1);
  const items = rows.slice(0, opts.limit).map(toLevel);
  return { items, nextCursor: rows.length > opts.limit ? (items.at(-1)?.sku ?? null) : null };
}

/** The newest movements of a SKU first. */
export async function ledgerOf(db: InventoryDb, sku: string, limit: number) {
  return db.orm.select().from(ledger).where(eq(ledger.sku, sku)).orderBy(desc(ledger.id)).limit(limit);
}

export async function reservationOf(db: InventoryDb, orderId: string) {
  const [row] = await db.orm.select().from(reservations).where(eq(reservations.orderId, orderId));
  return row ?? null;
}

export interface SkuBooks {
  sku: string;
  onHand: number;
  reserved: number;
  ledgerOnHand: number;
  ledgerReserved: number;
  balanced: boolean;
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

/** Unpaid reservations whose time is up, oldest first. */
export async function dueReservationIds(db: InventoryDb, now: Date, limit: number): Promise<string[]> {
  const rows = await db.orm
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.status, "active"), lte(reservations.expiresAt, now)))
    .orderBy(asc(reservations.expiresAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
