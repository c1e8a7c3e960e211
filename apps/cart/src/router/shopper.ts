import { invalid } from "@mercato/kit";
import { addItem, clearCart, removeItem, updateItem } from "../app/cart-items.ts";
import { applyCode, removeCode } from "../app/discount-codes.ts";
import { mergeGuestCart } from "../app/merge-carts.ts";
import { getCart, watchCart } from "../app/read-cart.ts";
import { setDestination } from "../app/set-destination.ts";
import { setRegion } from "../app/set-region.ts";
import { setShipping } from "../app/set-shipping.ts";
import {
  addItemInput,
  applyCodeInput,
  CART_TOKEN_HEADER,
  cartReadInput,
  cartRefInput,
  getCartInput,
  mergeInput,
  removeItemInput,
  setDestinationInput,
  setRegionInput,
  setShippingInput,
  updateItemInput,
} from "../contract.ts";
import { authedProcedure, shopperProcedure } from "../trpc.ts";
import { guestToken, withGuestToken } from "./guest-token.ts";

/**
 * What a shopper (a guest with a cart token, or a signed-in user) does with their cart. A guest's
 * token comes in the `x-cart-token` header (reads refuse it in their URL input); mutations may
 * also carry it in their body.
 */
export const shopperProcedures = {
  /** Never cached: the cart is personal. */
  get: shopperProcedure.input(getCartInput.default({})).query(({ ctx, input }) => {
    ctx.resHeaders.set("cache-control", "private, no-store");
    return getCart(ctx.deps, ctx.user, { ...input, cartToken: guestToken(ctx.req) });
  }),
  onChanged: shopperProcedure
    .input(cartReadInput.default({}))
    .subscription(({ ctx, signal }) => watchCart(ctx.deps, ctx.user, { cartToken: guestToken(ctx.req) }, signal)),

  /** A new guest cart's token is answered in the body and in the `x-cart-token` response header. */
  addItem: shopperProcedure.input(addItemInput).mutation(async ({ ctx, input }) => {
    const result = await addItem(ctx.deps, ctx.user, withGuestToken(ctx.req, input));
    if (result.cartToken) ctx.resHeaders.set(CART_TOKEN_HEADER, result.cartToken);
    return result;
  }),
  updateItem: shopperProcedure
    .input(updateItemInput)
    .mutation(({ ctx, input }) => updateItem(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),
  removeItem: shopperProcedure
    .input(removeItemInput)
    .mutation(({ ctx, input }) => removeItem(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),
  clear: shopperProcedure
    .input(cartRefInput.default({}))
    .mutation(({ ctx, input }) => clearCart(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),

  applyCode: shopperProcedure
    .input(applyCodeInput)
    .mutation(({ ctx, input }) => applyCode(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),
  removeCode: shopperProcedure
    .input(cartRefInput.default({}))
    .mutation(({ ctx, input }) => removeCode(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),

  /** Moves the cart to another region (currency, tax, shipping options) and re-prices it. */
  setRegion: shopperProcedure
    .input(setRegionInput)
    .mutation(({ ctx, input }) => setRegion(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),
  /** Where the goods go (a country of the cart's region), for tax. */
  setDestination: shopperProcedure
    .input(setDestinationInput)
    .mutation(({ ctx, input }) => setDestination(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),
  /** The shipping option (one the region offers that can carry the basket; null for the default). */
  setShipping: shopperProcedure
    .input(setShippingInput)
    .mutation(({ ctx, input }) => setShipping(ctx.deps, ctx.user, withGuestToken(ctx.req, input))),

  /** After sign-in: moves the guest cart (token in the body or the header) into the user's. */
  merge: authedProcedure.input(mergeInput).mutation(({ ctx, input }) => {
    const cartToken = guestToken(ctx.req, input.cartToken);
    if (!cartToken) throw invalid("cartToken", `required, in the body or the ${CART_TOKEN_HEADER} header`);
    return mergeGuestCart(ctx.deps, ctx.user, { cartToken });
  }),
};
