import { and, inArray, isNull, lt } from "drizzle-orm";
import { cartItems, carts, wishlistItems, wishlists } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";

const BATCH = 500;

/** Deletes guest carts (and their wishlists) untouched since before `cutoff`, in batches; resolves with how many. User carts stay. */
export async function sweepGuestCarts(deps: Pick<CartDeps, "db" | "changes">, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const swept = await deps.db.write(async (tx) => {
      const stale = await tx
        .select({ id: carts.id })
        .from(carts)
        .where(and(isNull(carts.userId), lt(carts.updatedAt, cutoff)))
        .limit(BATCH);
      const ids = stale.map((c) => c.id);
      if (ids.length === 0) return ids;
      await tx.delete(cartItems).where(inArray(cartItems.cartId, ids));
      // A guest's wishlist lives as long as its cart (saving touches the cart).
      const held = tx.select({ id: wishlists.id }).from(wishlists).where(inArray(wishlists.guestCartId, ids));
      await tx.delete(wishlistItems).where(inArray(wishlistItems.wishlistId, held));
      await tx.delete(wishlists).where(inArray(wishlists.guestCartId, ids));
      await tx.delete(carts).where(inArray(carts.id, ids));
      return ids;
    });
    for (const id of swept) deps.changes.changed({ id, userId: null });
    total += swept.length;
    if (swept.length < BATCH) return total;
  }
}
