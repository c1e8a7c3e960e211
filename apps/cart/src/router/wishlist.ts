import { addToWishlist, removeFromWishlist } from "../app/wishlist-items.ts";
import { moveToCart } from "../app/wishlist-move.ts";
import { getWishlist, sharedWishlist } from "../app/wishlist-read.ts";
import { shareWishlist, unshareWishlist } from "../app/wishlist-share.ts";
import {
  CART_TOKEN_HEADER,
  moveToCartInput,
  sharedWishlistInput,
  shareWishlistInput,
  wishlistItemInput,
  wishlistReadInput,
} from "../contract.ts";
import { authedProcedure, publicProcedure, router, shopperProcedure } from "../trpc.ts";
import { guestToken, withGuestToken } from "./guest-token.ts";

/**
 * The shopper's wishlist (#27): always the caller's own (a user's by their token, a guest's by
 * their cart token), so no input names whose. Sharing needs an account; a share link is read by
 * its token alone.
 */
export const wishlistRouter = router({
  get: shopperProcedure.input(wishlistReadInput.default({})).query(({ ctx, input: _ }) => {
    ctx.resHeaders.set("cache-control", "private, no-store");
    return getWishlist(ctx.deps, ctx.user, { cartToken: guestToken(ctx.req) });
  }),
  /** A new guest's cart token (which opens the wishlist too) is answered in the body and the header. */
  add: shopperProcedure.input(wishlistItemInput).mutation(async ({ ctx, input }) => {
    const result = await addToWishlist(ctx.deps, ctx.user, withGuestToken(ctx.req, input));
    if (result.cartToken) ctx.resHeaders.set(CART_TOKEN_HEADER, result.cartToken);
    return result;
  }),
  remove: shopperProcedure
    .input(wishlistItemInput)
    .mutation(({ ctx, input }) => removeFromWishlist(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),
  moveToCart: shopperProcedure
    .input(moveToCartInput)
    .mutation(({ ctx, input }) => moveToCart(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),
  share: authedProcedure
    .input(shareWishlistInput)
    .mutation(({ ctx, input }) => shareWishlist(ctx.deps, ctx.user, input)),
  unshare: authedProcedure.mutation(({ ctx }) => unshareWishlist(ctx.deps, ctx.user)),
  /** Revocable, so never cached: a revoked link must stop showing at once. */
  shared: publicProcedure.input(sharedWishlistInput).query(({ ctx, input }) => {
    ctx.resHeaders.set("cache-control", "private, no-store");
    return sharedWishlist(ctx.deps, input);
  }),
});
