import { eq, sql } from "drizzle-orm";
import type { Region } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { loadRegions } from "../db/region-queries.ts";
import { regionRevision } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";

/** Every region, read through an in-process copy (carts and orders read regions on every price). */
export interface RegionStore {
  all(): Promise<Region[]>;
}

/**
 * Keeps the regions in memory and checks one number before using them: region_revision, which
 * every region write bumps in its own transaction. A read costs one primary-key lookup while
 * nothing changed, and sees any committed save, by this process or by another instance sharing
 * the database, on its very next read (no time-to-live, no stale window).
 */
export function regionStore(db: ReadDb): RegionStore {
  let copy: { revision: number; regions: Region[] } | null = null;
  return {
    async all() {
      const [row] = await db
        .select({ revision: regionRevision.revision })
        .from(regionRevision)
        .where(eq(regionRevision.id, 1));
      const revision = row?.revision ?? 0;
      if (copy?.revision === revision) return copy.regions;
      // A save committing between the two reads leaves newer regions under the older number:
      // the next read sees the number moved and reloads, so the copy is never stale for long.
      const regions = await loadRegions(db);
      copy = { revision, regions };
      return regions;
    },
  };
}

/** Marks the regions changed, inside the write's transaction (see regionStore). */
export async function bumpRegionRevision(tx: CatalogTx): Promise<void> {
  await tx
    .insert(regionRevision)
    .values({ id: 1, revision: 1 })
    .onConflictDoUpdate({ target: regionRevision.id, set: { revision: sql`${regionRevision.revision} + 1` } });
}
