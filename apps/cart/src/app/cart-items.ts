import { type AuthUser, type DomainError, invalid, notFound } from "@mercato/kit";
import { and, eq } from "drizzle-orm";
import {
  type AddItemInput,
  type AddItemResult,
  type CartRefInput,
  type CartView,
  MAX_CART_LINES,
  type RemoveItemInput,
  type UpdateItemInput,
} from "../contract.ts";
import { itemsOf } from "../db/queries.ts";
import { cartItems } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { quantityRefusal } from "../domain/cart-lines.ts";
import { viewOf } from "./cart-view.ts";
import { openCart, touchCart } from "./open-cart.ts";
import { findCart, shopperOf } from "./shopper.ts";
import type { SkuInfo } from "./sku-source.ts";

/** The SKU as the catalog sells it now, or a 404 naming `sku`. */
async function sellable(deps: CartDeps, sku: string): Promise<SkuInfo> {
  const info = (await deps.skus.lookup([sku])).get(sku);
  if (info?.status !== "active") throw notFound("sku", `no product with SKU "${sku}" is for sale`);
  return info;
}

function refuseQuantity(quantity: number, available: number): void {
  const refusal = quantityRefusal(quantity, available);
  if (refusal) throw refusal;
}

function notInCart(sku: string): DomainError {
  return notFound("sku", `"${sku}" is not in the cart`);
}

/** What the shopper sees of a SKU, kept on the line so it still shows if the product goes away. */
function snapshot(info: SkuInfo) {
  return {
    priceWhenAdded: info.price,
    productId: info.productId,
    productSlug: info.productSlug,
    title: info.title,
    image: info.image,
    options: info.options,
  };
}

/**
 * Adds units of a SKU (to the line if it is there). A guest without a token gets a new cart and
 * its `cartToken`, returned this once. Refusals (unknown SKU, over 99, over availability,
 * another currency, unknown token) change and create nothing.
 */
export async function addItem(deps: CartDeps, user: AuthUser | null, input: AddItemInput): Promise<AddItemResult> {
  const shopper = shopperOf(user, input.cartToken);
  await findCart(deps.db.orm, shopper); // an unknown guest token fails before any catalog call
  const info = await sellable(deps, input.sku);
  const now = new Date();
  const { cart, newToken } = await deps.db.write(async (tx) => {
    const { cart, newToken } = await openCart(tx, shopper, now, info.currency);
    const items = await itemsOf(tx, cart.id);
    const line = items.find((i) => i.sku === input.sku);
    if (items.length > 0 && cart.currency !== info.currency) {
      throw invalid("sku", `"${input.sku}" is priced in ${info.currency} but the cart is in ${cart.currency}`);
    }
    if (!line && items.length >= MAX_CART_LINES)
      throw invalid("sku", `a cart holds at most ${MAX_CART_LINES} products`);
    const quantity = (line?.quantity ?? 0) + input.quantity;
    refuseQuantity(quantity, info.available);
    await tx
      .insert(cartItems)
      .values({ cartId: cart.id, sku: input.sku, quantity, addedAt: now, ...snapshot(info) })
      .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.sku], set: { quantity, ...snapshot(info) } });
    return { cart: await touchCart(tx, cart.id, now, { currency: info.currency }), newToken };
  });
  deps.changes.changed(cart);
  return { ...(await viewOf(deps, shopper, cart, new Map([[info.sku, info]]))), cartToken: newToken };
}

/** Sets a line's quantity (1..99, within availability); the line then shows the current price. */
export async function updateItem(deps: CartDeps, user: AuthUser | null, input: UpdateItemInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (!existing) throw notInCart(input.sku);
  const info = await sellable(deps, input.sku);
  refuseQuantity(input.quantity, info.available);
  const now = new Date();
  const cart = await deps.db.write(async (tx) => {
    const updated = await tx
      .update(cartItems)
      .set({ quantity: input.quantity, ...snapshot(info) })
      .where(and(eq(cartItems.cartId, existing.id), eq(cartItems.sku, input.sku)))
      .returning({ sku: cartItems.sku });
    if (updated.length === 0) throw notInCart(input.sku);
    return touchCart(tx, existing.id, now);
  });
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart, new Map([[info.sku, info]]));
}

export async function removeItem(deps: CartDeps, user: AuthUser | null, input: RemoveItemInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (!existing) throw notInCart(input.sku);
  const cart = await deps.db.write(async (tx) => {
    const removed = await tx
      .delete(cartItems)
      .where(and(eq(cartItems.cartId, existing.id), eq(cartItems.sku, input.sku)))
      .returning({ sku: cartItems.sku });
    if (removed.length === 0) throw notInCart(input.sku);
    return touchCart(tx, existing.id, new Date());
  });
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart);
}

/** Empties the cart: every line and the discount code. */
export async function clearCart(deps: CartDeps, user: AuthUser | null, input: CartRefInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (!existing) return viewOf(deps, shopper, null);
  const cart = await deps.db.write(async (tx) => {
    await tx.delete(cartItems).where(eq(cartItems.cartId, existing.id));
    return touchCart(tx, existing.id, new Date(), { discountCode: null });
  });
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart);
}
