import Link from "next/link";
import { SHOP_NAME } from "@/lib/config.ts";

export function ShopFooter() {
  return (
    <footer className="mt-16 border-t border-neutral-200 bg-neutral-50">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 text-sm text-neutral-600 sm:grid-cols-3 sm:px-6">
        <div>
          <p className="font-semibold text-ink">{SHOP_NAME}</p>
          <p className="mt-2">Everyday things, well made. Free shipping over €50 within the EU.</p>
        </div>
        <nav aria-label="Shop">
          <p className="font-semibold text-ink">Shop</p>
          <ul className="mt-2 space-y-1">
            <li>
              <Link className="hover:text-brand-700" href="/c/clothing">
                Clothing
              </Link>
            </li>
            <li>
              <Link className="hover:text-brand-700" href="/c/footwear">
                Footwear
              </Link>
            </li>
            <li>
              <Link className="hover:text-brand-700" href="/search">
                Search
              </Link>
            </li>
          </ul>
        </nav>
        <nav aria-label="Your account">
          <p className="font-semibold text-ink">Your account</p>
          <ul className="mt-2 space-y-1">
            <li>
              <Link className="hover:text-brand-700" href="/account">
                Account
              </Link>
            </li>
            <li>
              <Link className="hover:text-brand-700" href="/account/orders">
                Orders
              </Link>
            </li>
            <li>
              <Link className="hover:text-brand-700" href="/cart">
                Cart
              </Link>
            </li>
          </ul>
        </nav>
      </div>
      <p className="border-t border-neutral-200 py-4 text-center text-xs text-neutral-500">
        © {SHOP_NAME}. Prices exclude tax, which is shown before you pay.
      </p>
    </footer>
  );
}
