import type { RegionRules } from "@mercato/pricing";
import type { CartDestination, CartRegionView } from "../contract.ts";

/**
 * The region carts from before regions belong to, and the catalog's default region in the demo
 * data. A new cart's region comes from the catalog (`catalog.regions.resolve`), never from here.
 */
export const DEFAULT_REGION_ID = "eu";

/** The upper bound on how long a region's rules are reused: an admin's change shows within it. */
export const MAX_REGION_CACHE_MS = 5_000;

/** The region as a cart view shows it. */
export function regionView(region: RegionRules): CartRegionView {
  return { id: region.id, name: region.name, currency: region.currency, taxInclusive: region.taxInclusive };
}

/**
 * Where tax is worked out for: the shopper's destination while it is a country of the region
 * (a region's countries may change under a cart), else the region's default country.
 */
export function destinationIn(
  region: Pick<RegionRules, "countries" | "defaultCountry">,
  chosen: { country: string | null; subdivision: string | null },
): CartDestination {
  if (chosen.country && region.countries.includes(chosen.country)) {
    return { country: chosen.country, subdivision: chosen.subdivision };
  }
  return { country: region.defaultCountry, subdivision: null };
}

/** Whether the region offers this shipping option now (an active option of its list). */
export function offersOption(region: Pick<RegionRules, "shippingOptions">, optionId: string): boolean {
  return region.shippingOptions.some((o) => o.id === optionId && o.active);
}

/**
 * What a cart keeps of its choices when it moves to `region`: a destination in the region, and
 * a shipping option the region offers; the rest goes back to the region's defaults.
 */
export function choicesIn(
  region: RegionRules,
  chosen: { country: string | null; subdivision: string | null; shippingOptionId: string | null },
): { country: string | null; subdivision: string | null; shippingOptionId: string | null } {
  const keepsCountry = chosen.country !== null && region.countries.includes(chosen.country);
  return {
    country: keepsCountry ? chosen.country : null,
    subdivision: keepsCountry ? chosen.subdivision : null,
    shippingOptionId:
      chosen.shippingOptionId !== null && offersOption(region, chosen.shippingOptionId)
        ? chosen.shippingOptionId
        : null,
  };
}
