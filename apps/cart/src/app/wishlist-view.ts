import type { Currency } from "@mercato/pricing";
import type { WishlistItemView, WishlistView } from "../contract.ts";
import type { WishlistItemRow, WishlistRow } from "../db/wishlist-queries.ts";
import type { CartDeps } from "../deps.ts";
import { priceIn } from "../domain/cart-lines.ts";

/** The items with their current price (in `currency`) and availability; a vanished product keeps its snapshot. */
export async function itemViews(
  deps: CartDeps,
  items: readonly WishlistItemRow[],
  currency: Currency,
): Promise<WishlistItemView[]> {
  const now = await deps.skus.lookup(items.map((i) => i.sku));
  return items.map((i) => {
    const info = now.get(i.sku);
    const forSale = info?.status === "active";
    return {
      sku: i.sku,
      productId: i.productId,
      productSlug: info?.productSlug ?? i.productSlug,
      title: info?.title ?? i.title,
      image: info ? info.image : i.image,
      options: info?.options ?? i.options,
      price: info && forSale ? priceIn(info.prices, currency) : null,
      currency,
      available: forSale ? (info?.available ?? 0) : 0,
      forSale,
      addedAt: i.addedAt,
    };
  });
}

export async function wishlistViewOf(
  deps: CartDeps,
  wishlist: WishlistRow | null,
  items: readonly WishlistItemRow[],
  currency: Currency,
): Promise<WishlistView> {
  return {
    items: await itemViews(deps, items, currency),
    shared: Boolean(wishlist?.shareTokenHash),
    shareName: wishlist?.shareTokenHash ? wishlist.shareName : null,
    sharedAt: wishlist?.shareTokenHash ? wishlist.sharedAt : null,
  };
}
