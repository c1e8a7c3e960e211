import { CartItemAdded, createEvent, enqueue } from "@mercato/events";
import { type AuthUser, conflict, type DomainError, invalid, notFound } from "@mercato/kit";
import type { Currency, RegionRules } from "@mercato/pricing";
import { and, eq } from "drizzle-orm";
import {
  type AddItemInput,
  type AddItemResult,
  type CartRefInput,
  type CartView,
  type GiftCardLine,
  giftCardAmountAllowed,
  MAX_CART_LINES,
  type RemoveItemInput,
  type UpdateItemInput,
} from "../contract.ts";
import { itemsOf } from "../db/queries.ts";
import { cartItems } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { priceIn, quantityRefusal } from "../domain/cart-lines.ts";
import { regionForNewCart, regionOfCart, viewOf } from "./cart-view.ts";
import { openCart, touchCart } from "./open-cart.ts";
import { findCart, groupOf, shopperOf } from "./shopper.ts";
import type { SkuInfo } from "./sku-source.ts";

/** The SKU as the catalog sells it now, or a 404 naming `sku`. */
async function sellable(deps: CartDeps, sku: string, group: string | null): Promise<SkuInfo> {
  const info = (await deps.skus.lookup([sku], group)).get(sku);
  if (info?.status !== "active") throw notFound("sku", `no product with SKU "${sku}" is for sale`);
  return info;
}

/** The SKU's unit price in the cart's currency, or a 409 naming `sku`: it cannot be bought in this region. */
function priceInCart(info: SkuInfo, currency: Currency): number {
  const price = priceIn(info.prices, currency);
  if (price === null) throw conflict("sku", `"${info.sku}" is not sold in ${currency}`);
  return price;
}

/**
 * The SKU and the region, looked up side by side; when both fail, the SKU's refusal is the answer
 * (an unknown SKU is a 404 naming `sku` whichever lookup happens to fail first).
 */
async function bothOrSkuFirst(sku: Promise<SkuInfo>, region: Promise<RegionRules>): Promise<[SkuInfo, RegionRules]> {
  region.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const info = await sku;
  return [info, await region];
}

/**
 * A gift card's recipient (#27): required for a gift-card SKU, refused for goods; with the
 * shopper's own amount, that amount must be one payments issues in the cart's currency (400
 * naming `giftCard.amount`). A line holds one recipient and amount, so the same card for someone
 * else (or for another amount) is a 409 (the shopper removes it first) rather than a silent change
 * of what the cards already in the cart are.
 */
function giftCardLineFor(
  info: SkuInfo,
  given: AddItemInput["giftCard"],
  line: { giftCard: GiftCardLine | null } | undefined,
  currency: Currency,
): GiftCardLine | null {
  if (info.kind !== "gift_card") {
    if (given) throw invalid("giftCard", `"${info.sku}" is not a gift card: it has no recipient`);
    return null;
  }
  if (!given) throw invalid("giftCard.recipientEmail", "a gift card needs the email of the person it is for");
  if (given.amount !== undefined && !giftCardAmountAllowed(given.amount, currency)) {
    throw invalid("giftCard.amount", `${given.amount} is not an amount a gift card is sold in, in ${currency}`);
  }
  const recipient: GiftCardLine = {
    recipientEmail: given.recipientEmail,
    recipientName: given.recipientName,
    message: given.message ?? "",
    ...(given.amount !== undefined ? { amount: given.amount } : {}),
  };
  const held = line?.giftCard;
  if (held && JSON.stringify(held) !== JSON.stringify(recipient)) {
    throw conflict(
      "giftCard",
      "this gift card is already in the cart for another recipient or amount; remove it first",
    );
  }
  return recipient;
}

function refuseQuantity(quantity: number, available: number): void {
  const refusal = quantityRefusal(quantity, available);
  if (refusal) throw refusal;
}

function notInCart(sku: string): DomainError {
  return notFound("sku", `"${sku}" is not in the cart`);
}

/** What the shopper sees of a SKU, kept on the line so it still shows if the product goes away. */
function snapshot(info: SkuInfo, price: number) {
  return {
    priceWhenAdded: price,
    productId: info.productId,
    productSlug: info.productSlug,
    title: info.title,
    image: info.image,
    options: info.options,
  };
}

/**
 * Adds units of a SKU (to the line if it is there). A guest without a token gets a new cart and
 * its `cartToken`, returned this once; a new cart opens in the region the input asks for (its
 * `regionId`, else the region of its `country`, else the default). Refusals (unknown SKU, no
 * price in the cart's currency, over 99, over availability, unknown token, unknown region)
 * change and create nothing.
 */
export async function addItem(deps: CartDeps, user: AuthUser | null, input: AddItemInput): Promise<AddItemResult> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper); // an unknown guest token fails before any catalog call
  const [info, region] = await bothOrSkuFirst(
    sellable(deps, input.sku, groupOf(shopper)),
    existing ? regionOfCart(deps.regions, existing) : regionForNewCart(deps.regions, input),
  );
  const now = new Date();
  const { cart, newToken } = await deps.db.write(async (tx) => {
    const { cart, newToken } = await openCart(tx, shopper, now, { regionId: region.id, currency: region.currency });
    // A user's cart opened meanwhile by another request (another tab) keeps its own region.
    const currency = cart.id === existing?.id || cart.regionId === region.id ? region.currency : cart.currency;
    const price = priceInCart(info, currency);
    const items = await itemsOf(tx, cart.id);
    const line = items.find((i) => i.sku === input.sku);
    if (!line && items.length >= MAX_CART_LINES)
      throw invalid("sku", `a cart holds at most ${MAX_CART_LINES} products`);
    const giftCard = giftCardLineFor(info, input.giftCard, line, currency);
    // A gift card in the shopper's own amount costs that amount.
    const unitPrice = giftCard?.amount ?? price;
    const quantity = (line?.quantity ?? 0) + input.quantity;
    refuseQuantity(quantity, info.available);
    await tx
      .insert(cartItems)
      .values({ cartId: cart.id, sku: input.sku, quantity, addedAt: now, giftCard, ...snapshot(info, unitPrice) })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.sku],
        set: { quantity, giftCard, ...snapshot(info, unitPrice) },
      });
    // For analytics (#23): what went in, in which currency; nothing about who the shopper is.
    await enqueue(
      tx,
      createEvent(
        CartItemAdded,
        {
          cartId: cart.id,
          sku: input.sku,
          productId: info.productId,
          quantity: input.quantity,
          lineQuantity: quantity,
          unitPrice,
          currency,
          regionId: cart.regionId,
          cartStarted: items.length === 0,
        },
        { key: cart.id },
      ),
    );
    return { cart: await touchCart(tx, cart.id, now), newToken };
  });
  deps.relay.kick();
  deps.changes.changed(cart);
  return { ...(await viewOf(deps, shopper, cart, { known: new Map([[info.sku, info]]) })), cartToken: newToken };
}

/** Sets a line's quantity (1..99, within availability); the line then shows the current price. */
export async function updateItem(deps: CartDeps, user: AuthUser | null, input: UpdateItemInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (!existing) throw notInCart(input.sku);
  const [info, region] = await bothOrSkuFirst(
    sellable(deps, input.sku, groupOf(shopper)),
    regionOfCart(deps.regions, existing),
  );
  const price = priceInCart(info, region.currency);
  refuseQuantity(input.quantity, info.available);
  const now = new Date();
  const cart = await deps.db.write(async (tx) => {
    const where = and(eq(cartItems.cartId, existing.id), eq(cartItems.sku, input.sku));
    const [line] = await tx.select({ giftCard: cartItems.giftCard }).from(cartItems).where(where);
    if (!line) throw notInCart(input.sku);
    // A gift card in the shopper's own amount keeps costing that amount.
    await tx
      .update(cartItems)
      .set({ quantity: input.quantity, ...snapshot(info, line.giftCard?.amount ?? price) })
      .where(where);
    return touchCart(tx, existing.id, now);
  });
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart, { known: new Map([[info.sku, info]]) });
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
