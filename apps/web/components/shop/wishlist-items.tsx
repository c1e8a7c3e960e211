import Link from "next/link";
import type { ReactNode } from "react";
import { Money } from "@/components/ui/money.tsx";
import type { WishlistItem } from "@/lib/shop/types.ts";

/** What a saved item says about buying it now. */
function availability(item: WishlistItem): string {
  if (!item.forSale) return "No longer sold";
  if (item.available <= 0) return "Sold out — we email you when it is back, if you agreed to offers";
  return "In stock";
}

/** The saved items as a list; `actions` renders each item's buttons (none on a shared page). */
export function WishlistItems({
  items,
  actions,
}: {
  items: readonly WishlistItem[];
  actions?: (item: WishlistItem) => ReactNode;
}) {
  return (
    <ul className="divide-y divide-neutral-200 rounded-xl border border-neutral-200 bg-white" data-testid="wishlist">
      {items.map((item) => (
        <li key={item.sku} className="flex flex-wrap items-center gap-4 p-4" data-testid="wishlist-item">
          <div className="h-20 w-20 shrink-0 overflow-hidden rounded-lg bg-neutral-100">
            {item.image ? (
              <img src={item.image.url} alt={item.image.alt} className="h-full w-full object-cover" />
            ) : null}
          </div>
          <div className="min-w-0 flex-1">
            <Link href={`/p/${item.productSlug}`} className="font-medium text-ink hover:text-brand-700">
              {item.title}
            </Link>
            {Object.keys(item.options).length > 0 ? (
              <p className="text-sm text-neutral-600">
                {Object.entries(item.options)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(", ")}
              </p>
            ) : null}
            <p className="text-sm">
              {item.price !== null ? <Money amount={item.price} currency={item.currency} /> : null}
              <span className="ml-2 text-neutral-600">{availability(item)}</span>
            </p>
          </div>
          {actions ? <div className="flex gap-2">{actions(item)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
