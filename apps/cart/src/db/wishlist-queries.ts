import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Reader } from "./queries.ts";
import { wishlistItems, wishlists, wishlistWatch } from "./wishlist-schema.ts";

export type WishlistRow = typeof wishlists.$inferSelect;
export type WishlistItemRow = typeof wishlistItems.$inferSelect;
export type WishlistWatchRow = typeof wishlistWatch.$inferSelect;

export async function wishlistOfUser(r: Reader, userId: string): Promise<WishlistRow | undefined> {
  const [row] = await r.select().from(wishlists).where(eq(wishlists.userId, userId));
  return row;
}

export async function wishlistOfGuestCart(r: Reader, cartId: string): Promise<WishlistRow | undefined> {
  const [row] = await r.select().from(wishlists).where(eq(wishlists.guestCartId, cartId));
  return row;
}

export async function wishlistByShareHash(r: Reader, shareTokenHash: string): Promise<WishlistRow | undefined> {
  const [row] = await r.select().from(wishlists).where(eq(wishlists.shareTokenHash, shareTokenHash));
  return row;
}

export function wishlistItemsOf(r: Reader, wishlistId: string): Promise<WishlistItemRow[]> {
  return r
    .select()
    .from(wishlistItems)
    .where(eq(wishlistItems.wishlistId, wishlistId))
    .orderBy(asc(wishlistItems.addedAt), asc(wishlistItems.sku));
}

export async function watchOf(r: Reader, sku: string): Promise<WishlistWatchRow | undefined> {
  const [row] = await r.select().from(wishlistWatch).where(eq(wishlistWatch.sku, sku));
  return row;
}

export function watchesOf(r: Reader, skus: readonly string[]): Promise<WishlistWatchRow[]> {
  if (skus.length === 0) return Promise.resolve([]);
  return r
    .select()
    .from(wishlistWatch)
    .where(inArray(wishlistWatch.sku, [...skus]));
}

/** The signed-in owners (with an email to write to) of the wishlists that hold `sku`. */
export function wishersOf(r: Reader, sku: string) {
  return r
    .select({
      userId: wishlists.userId,
      email: wishlists.email,
      productSlug: wishlistItems.productSlug,
      title: wishlistItems.title,
    })
    .from(wishlistItems)
    .innerJoin(wishlists, eq(wishlists.id, wishlistItems.wishlistId))
    .where(and(eq(wishlistItems.sku, sku), isNotNull(wishlists.userId), isNotNull(wishlists.email)))
    .orderBy(asc(wishlists.userId));
}
