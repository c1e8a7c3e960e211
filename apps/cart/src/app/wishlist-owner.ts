import type { Currency } from "@mercato/pricing";
import { eq } from "drizzle-orm";
import type { Reader } from "../db/queries.ts";
import { type WishlistRow, wishlistOfGuestCart, wishlistOfUser } from "../db/wishlist-queries.ts";
import { wishlists } from "../db/wishlist-schema.ts";
import type { CartDeps } from "../deps.ts";
import { regionForNewCart } from "./cart-view.ts";
import type { Tx } from "./open-cart.ts";
import { findCart, type Shopper } from "./shopper.ts";

/**
 * The shopper's wishlist, or null when they have none yet. A guest's is held by their cart (the
 * cart token opens both); a guest token that opens no cart is a 404 naming cartToken.
 */
export async function findWishlist(r: Reader, shopper: Shopper): Promise<WishlistRow | null> {
  if (shopper.kind === "user") return (await wishlistOfUser(r, shopper.userId)) ?? null;
  const cart = await findCart(r, shopper);
  return cart ? ((await wishlistOfGuestCart(r, cart.id)) ?? null) : null;
}

/** The owner's wishlist inside a write, created on first use; a user's email is kept current for alerts. */
export async function openWishlist(
  tx: Tx,
  owner: { userId: string; email: string } | { guestCartId: string },
  now: Date,
): Promise<WishlistRow> {
  const existing =
    "userId" in owner ? await wishlistOfUser(tx, owner.userId) : await wishlistOfGuestCart(tx, owner.guestCartId);
  if (existing) {
    if ("email" in owner && existing.email !== owner.email) {
      const [row] = await tx
        .update(wishlists)
        .set({ email: owner.email, updatedAt: now })
        .where(eq(wishlists.id, existing.id))
        .returning();
      return row!;
    }
    return existing;
  }
  const [row] = await tx
    .insert(wishlists)
    .values({
      id: Bun.randomUUIDv7(),
      userId: "userId" in owner ? owner.userId : null,
      email: "email" in owner ? owner.email : null,
      guestCartId: "guestCartId" in owner ? owner.guestCartId : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/**
 * The currency a wishlist's prices are shown in: the shopper's cart's (what moving an item to the
 * cart would charge), else the currency of the region a new cart would open in.
 */
export async function wishlistCurrency(deps: CartDeps, shopper: Shopper): Promise<Currency> {
  const cart = await findCart(deps.db.orm, shopper);
  return cart ? cart.currency : (await regionForNewCart(deps.regions)).currency;
}
