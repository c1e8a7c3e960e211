import type { AuthUser } from "@mercato/kit";
import { eq } from "drizzle-orm";
import type { ShareWishlistInput, ShareWishlistResult, WishlistView } from "../contract.ts";
import { wishlists } from "../db/wishlist-schema.ts";
import type { CartDeps } from "../deps.ts";
import { hashCartToken, newCartToken } from "../domain/cart-token.ts";
import { shopperOf } from "./shopper.ts";
import { currentView } from "./wishlist-items.ts";
import { openWishlist } from "./wishlist-owner.ts";

/**
 * A read-only link to the user's wishlist: a fresh unguessable token (returned this once; only its
 * hash is kept), which replaces and so revokes any earlier link. The page shows `shareName` and the
 * items, nothing else about the owner.
 */
export async function shareWishlist(
  deps: CartDeps,
  user: AuthUser,
  input: ShareWishlistInput,
): Promise<ShareWishlistResult> {
  const shareToken = newCartToken();
  const now = new Date();
  await deps.db.write(async (tx) => {
    const wishlist = await openWishlist(tx, { userId: user.id, email: user.email }, now);
    await tx
      .update(wishlists)
      .set({ shareTokenHash: hashCartToken(shareToken), shareName: input.shareName, sharedAt: now, updatedAt: now })
      .where(eq(wishlists.id, wishlist.id));
  });
  return { shareToken, wishlist: await currentView(deps, shopperOf(user, undefined)) };
}

/** Revokes the share link: its token opens nothing any more. Nothing shared is not an error. */
export async function unshareWishlist(deps: CartDeps, user: AuthUser): Promise<WishlistView> {
  await deps.db.write((tx) =>
    tx
      .update(wishlists)
      .set({ shareTokenHash: null, shareName: null, sharedAt: null, updatedAt: new Date() })
      .where(eq(wishlists.userId, user.id)),
  );
  return currentView(deps, shopperOf(user, undefined));
}
