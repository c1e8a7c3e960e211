import { type AuthUser, invalid, notFound } from "@mercato/kit";
import { and, count, eq } from "drizzle-orm";
import {
  type AddToWishlistResult,
  MAX_WISHLIST_ITEMS,
  type WishlistItemInput,
  type WishlistView,
} from "../contract.ts";
import { wishlistItemsOf } from "../db/wishlist-queries.ts";
import { wishlistItems, wishlists, wishlistWatch } from "../db/wishlist-schema.ts";
import type { CartDeps } from "../deps.ts";
import { regionForNewCart } from "./cart-view.ts";
import { openCart, type Tx, touchCart } from "./open-cart.ts";
import { findCart, type Shopper, shopperOf } from "./shopper.ts";
import type { SkuInfo } from "./sku-source.ts";
import { findWishlist, openWishlist, wishlistCurrency } from "./wishlist-owner.ts";
import { wishlistViewOf } from "./wishlist-view.ts";

function notOnWishlist(sku: string) {
  return notFound("sku", `"${sku}" is not on the wishlist`);
}

/** The SKU as the catalog sells it now, or a 404 naming `sku`. */
async function wishable(deps: CartDeps, sku: string): Promise<SkuInfo> {
  const info = (await deps.skus.lookup([sku])).get(sku);
  if (info?.status !== "active") throw notFound("sku", `no product with SKU "${sku}" is for sale`);
  return info;
}

/** The shopper's wishlist, then a fresh view of it. */
export async function currentView(deps: CartDeps, shopper: Shopper): Promise<WishlistView> {
  const wishlist = await findWishlist(deps.db.orm, shopper);
  const items = wishlist ? await wishlistItemsOf(deps.db.orm, wishlist.id) : [];
  return wishlistViewOf(deps, wishlist, items, await wishlistCurrency(deps, shopper));
}

/** Starts watching a SKU's stock and price for alerts, from what the catalog and inventory say now. */
async function watch(tx: Tx, info: SkuInfo, now: Date): Promise<void> {
  await tx
    .insert(wishlistWatch)
    .values({
      sku: info.sku,
      available: info.available,
      prices: Object.fromEntries(info.prices.map((p) => [p.currency, p.amount])),
      updatedAt: now,
    })
    // Already watched: the events keep the row current, and replacing it could hide a transition.
    .onConflictDoNothing();
}

/**
 * Saves a variant (once: saving it again changes nothing). A guest without a cart token gets a
 * new guest cart, whose token (returned this once) opens the wishlist too. Refusals (unknown SKU,
 * a full wishlist, an unknown token) write nothing.
 */
export async function addToWishlist(
  deps: CartDeps,
  user: AuthUser | null,
  input: WishlistItemInput,
): Promise<AddToWishlistResult> {
  const shopper = shopperOf(user, input.cartToken);
  const existingCart = shopper.kind === "guest" ? await findCart(deps.db.orm, shopper) : null;
  const info = await wishable(deps, input.sku);
  const region = shopper.kind === "guest" && !existingCart ? await regionForNewCart(deps.regions) : null;
  const now = new Date();
  const newToken = await deps.db.write(async (tx) => {
    let owner: Parameters<typeof openWishlist>[1];
    let token: string | null = null;
    if (shopper.kind === "user") {
      owner = { userId: shopper.userId, email: shopper.email };
    } else {
      const opened = existingCart
        ? { cart: existingCart, newToken: null }
        : await openCart(tx, shopper, now, { regionId: region!.id, currency: region!.currency });
      // A guest's wishlist lives as long as their cart: saving keeps the cart from the sweeper.
      await touchCart(tx, opened.cart.id, now);
      owner = { guestCartId: opened.cart.id };
      token = opened.newToken;
    }
    const wishlist = await openWishlist(tx, owner, now);
    const [held] = await tx.select({ n: count() }).from(wishlistItems).where(eq(wishlistItems.wishlistId, wishlist.id));
    const [already] = await tx
      .select({ sku: wishlistItems.sku })
      .from(wishlistItems)
      .where(and(eq(wishlistItems.wishlistId, wishlist.id), eq(wishlistItems.sku, input.sku)));
    if (!already && (held?.n ?? 0) >= MAX_WISHLIST_ITEMS) {
      throw invalid("sku", `a wishlist holds at most ${MAX_WISHLIST_ITEMS} items`);
    }
    if (!already) {
      await tx.insert(wishlistItems).values({
        wishlistId: wishlist.id,
        sku: info.sku,
        productId: info.productId,
        productSlug: info.productSlug,
        title: info.title,
        image: info.image,
        options: info.options,
        addedAt: now,
      });
      await tx.update(wishlists).set({ updatedAt: now }).where(eq(wishlists.id, wishlist.id));
    }
    await watch(tx, info, now);
    return token;
  });
  const view = await currentView(deps, newToken ? shopperOf(null, newToken) : shopper);
  return { ...view, cartToken: newToken };
}

/** Takes a variant off the wishlist; one that is not on it is a 404 naming `sku`. */
export async function removeFromWishlist(
  deps: CartDeps,
  user: AuthUser | null,
  input: WishlistItemInput,
): Promise<WishlistView> {
  const shopper = shopperOf(user, input.cartToken);
  const wishlist = await findWishlist(deps.db.orm, shopper);
  if (!wishlist) throw notOnWishlist(input.sku);
  await deps.db.write(async (tx) => {
    const removed = await tx
      .delete(wishlistItems)
      .where(and(eq(wishlistItems.wishlistId, wishlist.id), eq(wishlistItems.sku, input.sku)))
      .returning({ sku: wishlistItems.sku });
    if (removed.length === 0) throw notOnWishlist(input.sku);
    await tx.update(wishlists).set({ updatedAt: new Date() }).where(eq(wishlists.id, wishlist.id));
  });
  return currentView(deps, shopper);
}
