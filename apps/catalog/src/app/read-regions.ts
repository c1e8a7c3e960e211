import { notFound } from "@mercato/kit/errors";
import { countryCodeSchema } from "@mercato/pricing";
import type { Region } from "../contract.ts";
import type { RegionStore } from "./region-store.ts";

/** What shoppers, carts and orders see of a region: only the shipping options on offer. */
function offered(region: Region): Region {
  return { ...region, shippingOptions: region.shippingOptions.filter((o) => o.active) };
}

/** Every region, in display order, with its active shipping options (the shop's region picker). */
export async function listRegions(store: RegionStore): Promise<Region[]> {
  return (await store.all()).map(offered);
}

/** Every region with all its shipping options, active or not (the admin's list). */
export function listRegionsForAdmin(store: RegionStore): Promise<Region[]> {
  return store.all();
}

/** One region with its active shipping options; 404 naming `id`. */
export async function regionById(store: RegionStore, id: string): Promise<Region> {
  const region = (await store.all()).find((r) => r.id === id);
  if (!region) throw notFound("id", `no region "${id}"`);
  return offered(region);
}

/**
 * The region a shopper in `country` buys in: the one holding the country, else the default region
 * (an unknown country, a malformed code or none at all all fall back to it).
 */
export async function resolveRegion(store: RegionStore, country: string | undefined): Promise<Region> {
  const all = await store.all();
  const code = country === undefined ? undefined : countryCodeSchema.safeParse(country).data;
  const region = (code && all.find((r) => r.countries.includes(code))) || all.find((r) => r.isDefault);
  if (!region) throw notFound("country", "no region is configured");
  return offered(region);
}
