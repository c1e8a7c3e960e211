import { eq } from "drizzle-orm";
import { MAX_WISHLIST_ITEMS } from "../contract.ts";
import { wishlistItemsOf, wishlistOfGuestCart } from "../db/wishlist-queries.ts";
import { wishlistItems, wishlists } from "../db/wishlist-schema.ts";
import type { Tx } from "./open-cart.ts";
import { openWishlist } from "./wishlist-owner.ts";

/**
 * At sign-in, in the cart merge's transaction: the guest cart's wishlist moves into the user's.
 * A variant on both stays once (the user's entry, with its date); the user's wishlist keeps its
 * limit; the guest wishlist is deleted with its cart.
 */
export async function mergeGuestWishlist(
  tx: Tx,
  guestCartId: string,
  user: { userId: string; email: string },
  now: Date,
): Promise<void> {
  const guest = await wishlistOfGuestCart(tx, guestCartId);
  if (!guest) return;
  const guestItems = await wishlistItemsOf(tx, guest.id);
  if (guestItems.length > 0) {
    const mine = await openWishlist(tx, user, now);
    const held = new Set((await wishlistItemsOf(tx, mine.id)).map((i) => i.sku));
    for (const item of guestItems) {
      if (held.has(item.sku) || held.size >= MAX_WISHLIST_ITEMS) continue;
      await tx.insert(wishlistItems).values({ ...item, wishlistId: mine.id });
      held.add(item.sku);
    }
    await tx.update(wishlists).set({ updatedAt: now }).where(eq(wishlists.id, mine.id));
  }
  await tx.delete(wishlistItems).where(eq(wishlistItems.wishlistId, guest.id));
  await tx.delete(wishlists).where(eq(wishlists.id, guest.id));
}
