import { asc } from "drizzle-orm";
import type { Region } from "../contract.ts";
import type { ReadDb } from "./queries.ts";
import { regions, shippingOptions, taxRates } from "./schema.ts";
import type { CatalogTx } from "./tx.ts";

/**
 * Every region with all its shipping options (active or not) and tax rates, in display order
 * (position, then name). Regions are few (one per market), so they are read whole.
 */
export async function loadRegions(db: ReadDb | CatalogTx): Promise<Region[]> {
  const [rows, options, rates] = await Promise.all([
    db.select().from(regions).orderBy(asc(regions.position), asc(regions.name)),
    db.select().from(shippingOptions).orderBy(asc(shippingOptions.regionId), asc(shippingOptions.position)),
    db.select().from(taxRates).orderBy(asc(taxRates.regionId), asc(taxRates.position)),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    currency: r.currency,
    countries: r.countries,
    defaultCountry: r.defaultCountry,
    taxInclusive: r.taxInclusive,
    taxProvider: r.taxProvider,
    paymentProviders: r.paymentProviders,
    isDefault: r.isDefault,
    shippingOptions: options
      .filter((o) => o.regionId === r.id)
      .map((o) => ({
        id: o.id,
        name: o.name,
        speed: o.speed,
        rule: o.rule,
        minDays: o.minDays,
        maxDays: o.maxDays,
        taxClass: o.taxClass,
        active: o.active,
      })),
    taxRates: rates
      .filter((t) => t.regionId === r.id)
      .map((t) => ({
        country: t.country,
        subdivision: t.subdivision === "" ? null : t.subdivision,
        taxClass: t.taxClass,
        rateBps: t.rateBps,
        name: t.name,
      })),
  }));
}
