/** What other services and the benchmark read to check the saga and the books (service credential only). */
import { eq } from "drizzle-orm";
import type { Reservation, SkuBooks } from "../contract.ts";
import { books } from "../db/queries.ts";
import { reservations } from "../db/schema.ts";
import type { InventoryDeps } from "../deps.ts";

type Deps = Pick<InventoryDeps, "db">;

/** The order's reservation (or refusal), or null when inventory has not seen the order. */
export async function reservationFor(deps: Deps, orderId: string): Promise<Reservation | null> {
  const [row] = await deps.db.orm.select().from(reservations).where(eq(reservations.orderId, orderId));
  return row ?? null;
}

/** Per SKU: levels beside the ledger sums, and whether all of them balance. */
export async function checkBooks(deps: Deps): Promise<{ balanced: boolean; skus: SkuBooks[] }> {
  const skus = await books(deps.db);
  return { balanced: skus.every((s) => s.balanced), skus };
}
