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

/** What a shopper (a guest with a cart token, or a signed-in user) does with their cart. */
export const shopperProcedures = {
  /** Never cached: the cart is personal. */
  get: shopperProcedure.input(getCartInput.default({})).query(({ ctx, input }) => {
    ctx.resHeaders.set("cache-control", "private, no-store");
    return getCart(ctx.deps, ctx.user, input);
  }),
  onChanged: shopperProcedure
    .input(cartRefInput.default({}))
    .subscription(({ ctx, input, signal }) => watchCart(ctx.deps, ctx.user, input, signal)),

  addItem: shopperProcedure.input(addItemInput).mutation(({ ctx, input }) => addItem(ctx.deps, ctx.user, input)),
  updateItem: shopperProcedure
    .input(updateItemInput)
    .mutation(({ ctx, input }) => updateItem(ctx.deps, ctx.user, input)),
  removeItem: shopperProcedure
    .input(removeItemInput)
    .mutation(({ ctx, input }) => removeItem(ctx.deps, ctx.user, input)),
  clear: shopperProcedure
    .input(cartRefInput.default({}))
    .mutation(({ ctx, input }) => clearCart(ctx.deps, ctx.user, input)),

  applyCode: shopperProcedure.input(applyCodeInput).mutation(({ ctx, input }) => applyCode(ctx.deps, ctx.user, input)),
  removeCode: shopperProcedure
    .input(cartRefInput.default({}))
    .mutation(({ ctx, input }) => removeCode(ctx.deps, ctx.user, input)),

  /** Moves the cart to another region (currency, tax, shipping options) and re-prices it. */
  setRegion: shopperProcedure.input(setRegionInput).mutation(({ ctx, input }) => setRegion(ctx.deps, ctx.user, input)),
  /** Where the goods go (a country of the cart's region), for tax. */
  setDestination: shopperProcedure
    .input(setDestinationInput)
    .mutation(({ ctx, input }) => setDestination(ctx.deps, ctx.user, input)),
  /** The shipping option (one the region offers that can carry the basket; null for the default). */
  setShipping: shopperProcedure
    .input(setShippingInput)
    .mutation(({ ctx, input }) => setShipping(ctx.deps, ctx.user, input)),

  /** After sign-in: moves the guest cart of `cartToken` into the user's. */
  merge: authedProcedure.input(mergeInput).mutation(({ ctx, input }) => mergeGuestCart(ctx.deps, ctx.user, input)),
};
