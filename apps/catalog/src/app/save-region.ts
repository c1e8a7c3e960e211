import { recordAudit } from "@mercato/kit/audit";
import { conflict, invalid, notFound } from "@mercato/kit/errors";
import { and, eq, inArray, like, ne, or, sql } from "drizzle-orm";
import type { Region, SaveRegion } from "../contract.ts";
import { loadRegions } from "../db/region-queries.ts";
import { regionCountries, regions, shippingOptions, taxRates } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { regionProblem } from "../domain/region-rules.ts";
import { nextFreeSlug, slugify } from "../domain/slug.ts";
import { bumpRegionRevision } from "./region-store.ts";

/**
 * Creates a region (no `id`: the id is made from the name) or replaces one whole (its countries,
 * shipping options and tax rates), refusing with the field to change: a country another region
 * holds (409 `countries`), a tax rate outside the region's countries (`taxRates.N.country`),
 * unordered weight tiers (`shippingOptions.N.rule.tiers`), and the rest of regionProblem.
 */
export function saveRegion(deps: Pick<CatalogDeps, "db">, input: SaveRegion): Promise<Region> {
  return deps.db.write((tx) => saveRegionIn(tx, input));
}

/** The same inside a transaction (the demo seed saves its regions through it). */
export async function saveRegionIn(tx: CatalogTx, input: SaveRegion): Promise<Region> {
  const problem = regionProblem(input);
  if (problem) throw problem;
  const id = input.id ?? (await freeId(tx, slugify(input.name).slice(0, 60)));
  const [current] = await tx.select().from(regions).where(eq(regions.id, id));
  // Tax rates and shipping prices are money: a staff change is audited with the region as it was.
  const before = current ? ((await loadRegions(tx)).find((r) => r.id === id) ?? null) : null;

  const held = await tx
    .select({ country: regionCountries.country, regionId: regionCountries.regionId, name: regions.name })
    .from(regionCountries)
    .innerJoin(regions, eq(regions.id, regionCountries.regionId))
    .where(and(inArray(regionCountries.country, input.countries), ne(regionCountries.regionId, id)));
  const clash = held[0];
  if (clash) {
    throw conflict("countries", `${clash.country} already belongs to region "${clash.name}" (${clash.regionId})`);
  }

  const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)` }).from(regions);
  // There is always exactly one default region: the first one made, or the one last marked so.
  const isDefault = input.isDefault ?? (current ? current.isDefault : Number(count) === 0);
  if (current?.isDefault && !isDefault) {
    throw invalid("isDefault", "this is the default region: make another region the default instead");
  }
  if (!current && !isDefault && Number(count) === 0) {
    throw invalid("isDefault", "the first region is the default region");
  }
  if (isDefault) await tx.update(regions).set({ isDefault: false }).where(ne(regions.id, id));

  const now = new Date();
  const row = {
    name: input.name,
    currency: input.currency,
    countries: input.countries,
    defaultCountry: input.defaultCountry,
    taxInclusive: input.taxInclusive,
    taxProvider: input.taxProvider,
    paymentProviders: input.paymentProviders,
    isDefault,
    updatedAt: now,
  };
  if (current) {
    await tx.update(regions).set(row).where(eq(regions.id, id));
  } else {
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${regions.position}), -1) + 1` })
      .from(regions);
    await tx.insert(regions).values({ id, ...row, position: Number(next), createdAt: now });
  }

  await tx.delete(regionCountries).where(eq(regionCountries.regionId, id));
  await tx.insert(regionCountries).values(input.countries.map((country) => ({ country, regionId: id })));
  await tx.delete(shippingOptions).where(eq(shippingOptions.regionId, id));
  if (input.shippingOptions.length) {
    await tx
      .insert(shippingOptions)
      .values(input.shippingOptions.map((o, position) => ({ regionId: id, ...o, position })));
  }
  await tx.delete(taxRates).where(eq(taxRates.regionId, id));
  if (input.taxRates.length) {
    await tx
      .insert(taxRates)
      .values(
        input.taxRates.map((t, position) => ({ regionId: id, ...t, subdivision: t.subdivision ?? "", position })),
      );
  }
  await bumpRegionRevision(tx);

  const saved = (await loadRegions(tx)).find((r) => r.id === id);
  if (!saved) throw notFound("id", `no region "${id}"`);
  await recordAudit(tx, { action: "catalog.admin.regions.save", targetId: id, before, after: saved });
  return saved;
}

async function freeId(tx: CatalogTx, base: string): Promise<string> {
  const taken = await tx
    .select({ id: regions.id })
    .from(regions)
    .where(or(eq(regions.id, base), like(regions.id, `${base}-%`)));
  return nextFreeSlug(
    base,
    taken.map((t) => t.id),
  );
}
