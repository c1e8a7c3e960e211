import { connection } from "next/server";
import type { ReactNode } from "react";
import { CartDrawer } from "@/components/shop/cart-drawer.tsx";
import { ShopFooter } from "@/components/shop/footer.tsx";
import { ShopHeader } from "@/components/shop/header.tsx";
import { TestModeBanner } from "@/components/shop/test-mode-banner.tsx";
import { CartProvider } from "@/lib/shop/cart.tsx";
import { shopRegion } from "@/lib/shop/region.ts";
import { RegionProvider } from "@/lib/shop/region-context.tsx";

/**
 * The storefront's frame: header with search, region, categories, account and cart; footer; cart
 * drawer. The shopper's region is chosen here once per request and handed to every client part.
 */
export default async function ShopLayout({ children }: { children: ReactNode }) {
  // Rendered per request (nothing is prerendered at build, when no gateway runs); the catalog
  // reads inside are still shared through Next's data cache (lib/shop/catalog.ts).
  await connection();
  const { region, regions } = await shopRegion();
  return (
    <RegionProvider region={region} regions={regions}>
      <CartProvider regionId={region.id}>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <div className="flex min-h-screen flex-col">
          <TestModeBanner />
          <ShopHeader />
          <main id="main" className="flex-1">
            {children}
          </main>
          <ShopFooter />
        </div>
        <CartDrawer />
      </CartProvider>
    </RegionProvider>
  );
}
