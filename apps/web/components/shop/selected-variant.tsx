"use client";
import { createContext, type ReactNode, useContext, useState } from "react";

type SelectedVariant = readonly [sku: string | null, select: (sku: string | null) => void];

const NONE: SelectedVariant = [null, () => {}];
const Context = createContext<SelectedVariant>(NONE);

/**
 * The variant the shopper has picked on a product page, shared by the buy box (which picks it) and
 * the gallery (which shows that variant's images). Outside a provider nothing is shared.
 */
export function SelectedVariantProvider({ children }: { children: ReactNode }) {
  const [sku, select] = useState<string | null>(null);
  return <Context.Provider value={[sku, select]}>{children}</Context.Provider>;
}

export function useSelectedVariant(): SelectedVariant {
  return useContext(Context);
}
