import { connection } from "next/server";
import type { ReactNode } from "react";
import { CartDrawer } from "@/components/shop/cart-drawer.tsx";
import { ShopFooter } from "@/components/shop/footer.tsx";
import { ShopHeader } from "@/components/shop/header.tsx";
import { ServiceWorker } from "@/components/shop/service-worker.tsx";
import { TestModeBanner } from "@/components/shop/test-mode-banner.tsx";
import { SHOP_NAME } from "@/lib/config.ts";
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
  // Without the regions no price can be shown in the right currency: say so instead of failing.
  const shop = await shopRegion().catch(() => null);
  if (!shop) return <ShopUnavailable />;
  const { region, regions } = shop;
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
        <ServiceWorker />
      </CartProvider>
    </RegionProvider>
  );
}

/** When the catalog cannot say where the shop sells (it is down): a page that says so, not a crash. */
function ShopUnavailable() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col justify-center px-6 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">{SHOP_NAME} is unavailable right now</h1>
      <p className="mt-3 text-neutral-600">We cannot reach the shop. Please try again in a moment.</p>
    </main>
  );
}
