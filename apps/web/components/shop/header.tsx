import Link from "next/link";
import { Suspense } from "react";
import { SHOP_NAME } from "@/lib/config.ts";
import { catalog } from "@/lib/shop/catalog.ts";
import { AccountMenu } from "./account-menu.tsx";
import { CartButton } from "./cart-button.tsx";
import { MobileMenu } from "./mobile-menu.tsx";
import { RegionPicker } from "./region-picker.tsx";
import { SearchBox } from "./search-box.tsx";

/**
 * The shop's header: logo, search, region, account and cart, then the top-level categories. On a
 * phone the region picker and the categories are in the menu instead.
 */
export async function ShopHeader() {
  // The nav is a convenience: a catalog hiccup must not take every page down with it.
  const tree = await catalog()
    .categories.tree.query()
    .catch(() => []);
  return (
    <header className="sticky top-0 z-30 border-b border-neutral-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-3 sm:gap-6 sm:px-6">
        <Link
          prefetch={false}
          href="/"
          className="flex shrink-0 items-center gap-2 text-lg font-semibold tracking-tight text-ink"
        >
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            M
          </span>
          {/* Only the mark shows on a phone; the name stays the link's accessible name. */}
          <span className="sr-only sm:not-sr-only">{SHOP_NAME}</span>
        </Link>
        <div className="min-w-0 flex-1">
          <Suspense fallback={<div className="h-10 rounded-full bg-neutral-100" />}>
            <SearchBox />
          </Suspense>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <RegionPicker className="hidden md:block" />
          <MobileMenu>
            <div>
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-neutral-500">Region</p>
              <RegionPicker />
            </div>
            <nav aria-label="Menu categories">
              <ul className="space-y-1 text-sm">
                {tree.map((c) => (
                  <li key={c.id}>
                    <Link
                      prefetch={false}
                      href={`/c/${c.slug}`}
                      className="block rounded-md px-2 py-2 font-medium text-neutral-700 hover:bg-neutral-50"
                    >
                      {c.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </MobileMenu>
          <AccountMenu />
          <CartButton />
        </div>
      </div>
      <nav aria-label="Categories" className="border-t border-neutral-100">
        <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4 text-sm sm:px-6">
          {tree.map((c) => (
            <li key={c.id} className="shrink-0">
              <Link
                prefetch={false}
                href={`/c/${c.slug}`}
                className="block rounded-md px-3 py-2.5 font-medium text-neutral-700 hover:bg-neutral-50 hover:text-brand-700"
              >
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
