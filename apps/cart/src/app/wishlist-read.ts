import { type AuthUser, notFound } from "@mercato/kit";
import type { SharedWishlistInput, SharedWishlistView, WishlistView } from "../contract.ts";
import { wishlistByShareHash, wishlistItemsOf } from "../db/wishlist-queries.ts";
import type { CartDeps } from "../deps.ts";
import { hashCartToken } from "../domain/cart-token.ts";
import { regionForNewCart } from "./cart-view.ts";
import { shopperOf } from "./shopper.ts";
import { findWishlist, wishlistCurrency } from "./wishlist-owner.ts";
import { itemViews, wishlistViewOf } from "./wishlist-view.ts";

/** The shopper's own wishlist (a guest's through their cart token); empty when they have none. */
export async function getWishlist(
  deps: CartDeps,
  user: AuthUser | null,
  input: { cartToken?: string | undefined },
): Promise<WishlistView> {
  const shopper = shopperOf(user, input.cartToken);
  const wishlist = await findWishlist(deps.db.orm, shopper);
  const items = wishlist ? await wishlistItemsOf(deps.db.orm, wishlist.id) : [];
  return wishlistViewOf(deps, wishlist, items, await wishlistCurrency(deps, shopper));
}

/**
 * What a share link shows: the first name its owner chose and the items, priced in the visitor's
 * currency (`currency`, their region's), else the default region's. A revoked or unknown token is a 404
 * naming shareToken: the two cannot be told apart.
 */
export async function sharedWishlist(deps: CartDeps, input: SharedWishlistInput): Promise<SharedWishlistView> {
  const wishlist = await wishlistByShareHash(deps.db.orm, hashCartToken(input.shareToken));
  if (!wishlist?.shareName)
    throw notFound("shareToken", "no shared wishlist with this link (it may have been revoked)");
  const items = await wishlistItemsOf(deps.db.orm, wishlist.id);
  const currency = input.currency ?? (await regionForNewCart(deps.regions)).currency;
  return { shareName: wishlist.shareName, items: await itemViews(deps, items, currency) };
}
