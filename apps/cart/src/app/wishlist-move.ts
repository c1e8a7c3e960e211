import type { AuthUser } from "@mercato/kit";
import { notFound } from "@mercato/kit";
import type { MoveToCartInput, MoveToCartResult } from "../contract.ts";
import { wishlistItemsOf } from "../db/wishlist-queries.ts";
import type { CartDeps } from "../deps.ts";
import { addItem } from "./cart-items.ts";
import { shopperOf } from "./shopper.ts";
import { removeFromWishlist } from "./wishlist-items.ts";
import { findWishlist } from "./wishlist-owner.ts";

/**
 * Moves a saved variant into the cart, then off the wishlist. The cart's own add decides (price in
 * the cart's currency, stock, line limits): when it refuses, the item stays on the wishlist and the
 * refusal is the answer. A guest needs a cart token here (their wishlist is held by their cart).
 */
export async function moveToCart(
  deps: CartDeps,
  user: AuthUser | null,
  input: MoveToCartInput,
): Promise<MoveToCartResult> {
  const shopper = shopperOf(user, input.cartToken);
  const wishlist = await findWishlist(deps.db.orm, shopper);
  const items = wishlist ? await wishlistItemsOf(deps.db.orm, wishlist.id) : [];
  if (!items.some((i) => i.sku === input.sku)) throw notFound("sku", `"${input.sku}" is not on the wishlist`);
  const { cartToken: _none, ...cart } = await addItem(deps, user, {
    sku: input.sku,
    quantity: input.quantity ?? 1,
    ...(input.cartToken ? { cartToken: input.cartToken } : {}),
  });
  const rest = await removeFromWishlist(deps, user, {
    sku: input.sku,
    ...(input.cartToken ? { cartToken: input.cartToken } : {}),
  });
  return { wishlist: rest, cart };
}
