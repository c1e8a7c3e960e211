/**
 * identity.user.deleted.v1 in the cart: the user's cart and its lines are deleted, so is their
 * wishlist (its items, its share link and the email kept for alerts), and the
 * discount-code uses recorded for them (by user id or by email) forget who it was — the use still
 * counts under the code's limit, with the email replaced and no user id.
 */
import { type EventOf, processOnce, type UserDeleted } from "@mercato/events";
import { eq, inArray, or } from "drizzle-orm";
import { cartItems, carts, codeRedemptions, wishlistItems, wishlists } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";

export const ERASED_EMAIL = "erased@anonymized.invalid";

export async function forgetUser(deps: CartDeps, event: EventOf<typeof UserDeleted>): Promise<void> {
  const { userId } = event.data;
  const email = event.data.email.toLowerCase();
  await processOnce(deps.db, deps.name, event, async (tx) => {
    const owned = await tx.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
    const ids = owned.map((c) => c.id);
    if (ids.length > 0) {
      await tx.delete(cartItems).where(inArray(cartItems.cartId, ids));
      await tx.delete(carts).where(inArray(carts.id, ids));
    }
    const wished = tx.select({ id: wishlists.id }).from(wishlists).where(eq(wishlists.userId, userId));
    await tx.delete(wishlistItems).where(inArray(wishlistItems.wishlistId, wished));
    await tx.delete(wishlists).where(eq(wishlists.userId, userId));
    await tx
      .update(codeRedemptions)
      .set({ email: ERASED_EMAIL, userId: null })
      .where(or(eq(codeRedemptions.userId, userId), eq(codeRedemptions.email, email)));
    return ids.length;
  });
}
