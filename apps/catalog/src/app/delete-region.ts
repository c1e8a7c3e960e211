import { recordAudit } from "@mercato/kit/audit";
import { conflict, notFound } from "@mercato/kit/errors";
import { eq } from "drizzle-orm";
import { loadRegions } from "../db/region-queries.ts";
import { regionCountries, regions, shippingOptions, taxRates } from "../db/schema.ts";
import type { CatalogDeps } from "../deps.ts";
import { bumpRegionRevision } from "./region-store.ts";

/**
 * Deletes a region with its countries, shipping options and tax rates. The default region is
 * refused (409 naming `id`): shoppers from unlisted countries must always have one. A cart still
 * bound to a deleted region gets 404 naming `id` from `catalog.regions.byId`; what it does then
 * is the cart's rule.
 */
export function deleteRegion(deps: Pick<CatalogDeps, "db">, id: string): Promise<{ id: string }> {
  return deps.db.write(async (tx) => {
    const [current] = await tx.select().from(regions).where(eq(regions.id, id));
    if (!current) throw notFound("id", `no region "${id}"`);
    if (current.isDefault) throw conflict("id", "the default region cannot be deleted: make another the default first");
    const before = (await loadRegions(tx)).find((r) => r.id === id) ?? null;
    await tx.delete(regionCountries).where(eq(regionCountries.regionId, id));
    await tx.delete(shippingOptions).where(eq(shippingOptions.regionId, id));
    await tx.delete(taxRates).where(eq(taxRates.regionId, id));
    await tx.delete(regions).where(eq(regions.id, id));
    await bumpRegionRevision(tx);
    await recordAudit(tx, { action: "catalog.admin.regions.delete", targetId: id, before, after: null });
    return { id };
  });
}
