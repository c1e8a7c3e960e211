import { type AuthUser, notFound, type ProcedureMeta } from "@mercato/kit";
import { addItem, clearCart, removeItem, updateItem } from "../app/cart-items.ts";
import { openShopperCart } from "../app/create-cart.ts";
import { applyCode, removeCode } from "../app/discount-codes.ts";
import { getCart } from "../app/read-cart.ts";
import { setDestination } from "../app/set-destination.ts";
import { setRegion } from "../app/set-region.ts";
import { setShipping } from "../app/set-shipping.ts";
import { findCart, shopperOf } from "../app/shopper.ts";
import {
  addItemResultSchema,
  CART_TOKEN_HEADER,
  cartTokenHeaders,
  cartViewSchema,
  openCartInput,
  restAddItemInput,
  restApplyCodeInput,
  restCartInput,
  restRemoveItemInput,
  restSetDestinationInput,
  restSetRegionInput,
  restSetShippingInput,
  restUpdateItemInput,
} from "../contract.ts";
import type { CartDeps } from "../deps.ts";
import { shopperProcedure } from "../trpc.ts";
import { guestToken } from "./guest-token.ts";

/**
 * The cart as REST resources (#24): `/carts/{cartId}/...`, the same use cases as the tRPC
 * procedures beside them. The cart id in the path only addresses the cart: who may touch it is
 * decided as over tRPC, by the guest's `x-cart-token` header (never the URL) or the shopper's
 * bearer. A cart id that is not the caller's cart is a 404 naming `cartId`, and changes nothing.
 */
const rest = (
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: `/${string}`,
  summary: string,
): ProcedureMeta => ({
  openapi: {
    method,
    path,
    tags: ["cart"],
    summary,
    protect: false,
    requestHeaders: cartTokenHeaders,
    description: `A guest sends the cart's token in the ${CART_TOKEN_HEADER} header; a signed-in shopper their bearer token.`,
  },
});

/** The guest's token from the header, once the cart the path names is known to be the caller's. */
async function ownCart(
  ctx: { deps: CartDeps; user: AuthUser | null; req: Request },
  cartId: string,
): Promise<string | undefined> {
  const cartToken = guestToken(ctx.req);
  const cart = await findCart(ctx.deps.db.orm, shopperOf(ctx.user, cartToken));
  if (cart?.id !== cartId) throw notFound("cartId", "no such cart for this shopper");
  return cartToken;
}

export const restCartProcedures = {
  /** A new guest cart's token is answered in the body and in the `x-cart-token` response header. */
  open: shopperProcedure
    .meta(rest("POST", "/carts", "Open the shopper's cart (or get the one they have)"))
    .input(openCartInput.default({}))
    .output(addItemResultSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await openShopperCart(ctx.deps, ctx.user, { ...input, cartToken: guestToken(ctx.req) });
      if (result.cartToken) ctx.resHeaders.set(CART_TOKEN_HEADER, result.cartToken);
      ctx.resHeaders.set("cache-control", "private, no-store");
      return result;
    }),
  get: shopperProcedure
    .meta(rest("GET", "/carts/{cartId}", "The cart, priced now"))
    .input(restCartInput)
    .output(cartViewSchema)
    .query(async ({ ctx, input }) => {
      const cartToken = await ownCart(ctx, input.cartId);
      ctx.resHeaders.set("cache-control", "private, no-store");
      return getCart(ctx.deps, ctx.user, { cartToken });
    }),
  addItem: shopperProcedure
    .meta(rest("POST", "/carts/{cartId}/items", "Add units of a SKU"))
    .input(restAddItemInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input: { cartId, ...item } }) => {
      const cartToken = await ownCart(ctx, cartId);
      const { cartToken: _none, ...view } = await addItem(ctx.deps, ctx.user, { ...item, cartToken });
      return view;
    }),
  updateItem: shopperProcedure
    .meta(rest("PATCH", "/carts/{cartId}/items/{sku}", "Set a line's quantity"))
    .input(restUpdateItemInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input: { cartId, ...line } }) =>
      updateItem(ctx.deps, ctx.user, { ...line, cartToken: await ownCart(ctx, cartId) }),
    ),
  removeItem: shopperProcedure
    .meta(rest("DELETE", "/carts/{cartId}/items/{sku}", "Remove a line"))
    .input(restRemoveItemInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input: { cartId, sku } }) =>
      removeItem(ctx.deps, ctx.user, { sku, cartToken: await ownCart(ctx, cartId) }),
    ),
  clear: shopperProcedure
    .meta(rest("DELETE", "/carts/{cartId}/items", "Empty the cart"))
    .input(restCartInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input }) => clearCart(ctx.deps, ctx.user, { cartToken: await ownCart(ctx, input.cartId) })),
  applyCode: shopperProcedure
    .meta(rest("PUT", "/carts/{cartId}/discount-code", "Apply a discount code"))
    .input(restApplyCodeInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input: { cartId, code } }) =>
      applyCode(ctx.deps, ctx.user, { code, cartToken: await ownCart(ctx, cartId) }),
    ),
  removeCode: shopperProcedure
    .meta(rest("DELETE", "/carts/{cartId}/discount-code", "Remove the discount code"))
    .input(restCartInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input }) =>
      removeCode(ctx.deps, ctx.user, { cartToken: await ownCart(ctx, input.cartId) }),
    ),
  /** Moves the cart to another region (currency, tax, shipping options) and re-prices it. */
  setRegion: shopperProcedure
    .meta(rest("PUT", "/carts/{cartId}/region", "Move the cart to another region (its currency)"))
    .input(restSetRegionInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input: { cartId, regionId } }) =>
      setRegion(ctx.deps, ctx.user, { regionId, cartToken: await ownCart(ctx, cartId) }),
    ),
  setDestination: shopperProcedure
    .meta(rest("PUT", "/carts/{cartId}/destination", "Where the goods go, for tax"))
    .input(restSetDestinationInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input: { cartId, ...destination } }) =>
      setDestination(ctx.deps, ctx.user, { ...destination, cartToken: await ownCart(ctx, cartId) }),
    ),
  setShipping: shopperProcedure
    .meta(rest("PUT", "/carts/{cartId}/shipping", "Pick the shipping option"))
    .input(restSetShippingInput)
    .output(cartViewSchema)
    .mutation(async ({ ctx, input: { cartId, shippingOptionId } }) =>
      setShipping(ctx.deps, ctx.user, { shippingOptionId, cartToken: await ownCart(ctx, cartId) }),
    ),
};
