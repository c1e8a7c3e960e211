import type { RegionRules } from "@mercato/pricing";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { userClient } from "@/lib/server.ts";
import { catalog } from "./catalog.ts";
import { chooseRegion, REGION_COOKIE, type RegionSource } from "./region-choice.ts";

export interface ShopRegion {
  /** The region prices are shown in for this request. */
  region: RegionRules;
  /** Every region, for the picker and the checkout's country list. */
  regions: RegionRules[];
  source: RegionSource;
}

/** A signed-in shopper's default shipping country, or null (guest, no address, identity away). */
async function addressCountry(): Promise<string | null> {
  const jar = await cookies();
  if (!jar.toString().includes("better-auth")) return null;
  try {
    const { token, client } = await userClient();
    if (!token) return null;
    const addresses = await client.identity.addresses.list.query();
    const preferred = addresses.find((a) => a.isDefaultShipping) ?? addresses[0];
    return preferred?.country ?? null;
  } catch {
    return null;
  }
}

/**
 * The shopper's region for this request (once per render): the picked one from the cookie, else
 * their address's region when signed in, else the browser's language country, else the default.
 * The regions come from the catalog through Next's data cache, so this costs no call per page.
 */
export const shopRegion = cache(async (): Promise<ShopRegion> => {
  const regions = await catalog().regions.list.query();
  const jar = await cookies();
  const picked = jar.get(REGION_COOKIE)?.value ?? null;
  const pickedKnown = picked !== null && regions.some((r) => r.id === picked);
  const chosen = chooseRegion(regions, {
    cookie: picked,
    // Only asked when there is no usable pick: it costs a call to identity.
    addressCountry: pickedKnown ? null : await addressCountry(),
    acceptLanguage: (await headers()).get("accept-language"),
  });
  if (!chosen) throw new Error("the catalog lists no region");
  return { region: chosen.region, regions, source: chosen.source };
});
