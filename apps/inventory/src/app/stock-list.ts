/** The admin's view of the stock: every SKU's levels, and one SKU's ledger. */
import { decodeCursor, keysetPage, type Page } from "@mercato/db";
import { notFound } from "@mercato/kit/errors";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { z } from "zod";
import type { LedgerEntry, listStockInput, StockLevel } from "../contract.ts";
import { toLevel } from "../db/queries.ts";
import { ledger, stock } from "../db/schema.ts";
import type { InventoryDeps } from "../deps.ts";
import { assertOwnsSku, ownSkusOnly } from "./seller-stock.ts";

type Deps = Pick<InventoryDeps, "db">;

/** In SKU order, a page at a time; `lowOnly` keeps the SKUs at or below their threshold. */
export async function listStock(deps: Deps, input: z.output<typeof listStockInput>): Promise<Page<StockLevel>> {
  // The SKU is the sort key and unique, so it alone is the cursor.
  const after = input.cursor ? decodeCursor(input.cursor, ["string"])[0] : undefined;
  const rows = await deps.db.orm
    .select()
    .from(stock)
    .where(
      and(
        input.lowOnly ? sql`${stock.onHand} - ${stock.reserved} <= ${stock.lowStockThreshold}` : undefined,
        // instr, not LIKE, so "%" and "_" in a search are plain characters.
        input.q ? sql`instr(lower(${stock.sku}), lower(${input.q})) > 0` : undefined,
        after !== undefined ? gt(stock.sku, after) : undefined,
        ownSkusOnly(),
      ),
    )
    .orderBy(asc(stock.sku))
    .limit(input.limit + 1);
  return keysetPage(rows.map(toLevel), input.limit, (last) => [last.sku]);
}

/** The newest movements of a SKU first. */
export async function stockLedger(deps: Deps, sku: string, limit: number): Promise<LedgerEntry[]> {
  const { orm } = deps.db;
  const [known] = await orm.select({ sku: stock.sku }).from(stock).where(eq(stock.sku, sku));
  if (!known) throw notFound("sku", `no stock for "${sku}"`);
  await assertOwnsSku(orm, sku);
  return orm.select().from(ledger).where(eq(ledger.sku, sku)).orderBy(desc(ledger.id)).limit(limit);
}
