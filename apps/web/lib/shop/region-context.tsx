"use client";
import type { RegionRules } from "@mercato/pricing";
import { createContext, type ReactNode, useContext } from "react";

interface RegionValue {
  /** The region this page was rendered for (the shopper's pick, or the default for them). */
  region: RegionRules;
  regions: RegionRules[];
}

const RegionContext = createContext<RegionValue | null>(null);

/** Hands the region the server chose (lib/shop/region.ts) to the client components of the shop. */
export function RegionProvider({ region, regions, children }: RegionValue & { children: ReactNode }) {
  return <RegionContext.Provider value={{ region, regions }}>{children}</RegionContext.Provider>;
}

export function useRegion(): RegionValue {
  const value = useContext(RegionContext);
  if (!value) throw new Error("useRegion: render inside <RegionProvider>");
  return value;
}

/** The rules of the region a cart is priced in (the page's region until the cart has one of its own). */
export function useCartRegion(cart: { region: { id: string } } | undefined): RegionRules {
  const { region, regions } = useRegion();
  return regions.find((r) => r.id === cart?.region.id) ?? region;
}
