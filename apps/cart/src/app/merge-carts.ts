import type { AuthUser } from "@mercato/kit";
import { and, eq } from "drizzle-orm";
import { type CartView, MAX_CART_LINES, type MergeInput } from "../contract.ts";
import { guestCartByTokenHash, itemsOf } from "../db/queries.ts";
import { cartItems, carts } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { mergedQuantity, priceIn } from "../domain/cart-lines.ts";
import { hashCartToken } from "../domain/cart-token.ts";
import { viewOf } from "./cart-view.ts";
import { openCart, touchCart } from "./open-cart.ts";
import { unknownToken } from "./shopper.ts";
import { mergeGuestWishlist } from "./wishlist-merge.ts";

/**
 * After sign-in: moves a guest cart into the user's cart. Quantities of the same SKU add up,
 * capped at 99 and at what is available; the guest's code is kept if the user had none; the
 * guest cart (and so its token) is deleted, its wishlist merged into the user's (app/wishlist-merge.ts).
 * Nothing is lost at sign-in.
 *
 * Region: a user's cart that holds lines keeps its region (the guest's lines are priced in it;
 * those without a price in its currency show `not_sold_in_region` rather than vanish); an empty
 * or new user cart takes the guest's region, destination and shipping choice, since the guest
 * cart is what the shopper was just filling.
 */
export async function mergeGuestCart(deps: CartDeps, user: AuthUser, input: MergeInput): Promise<CartView> {
  const tokenHash = hashCartToken(input.cartToken);
  const guest = await guestCartByTokenHash(deps.db.orm, tokenHash);
  if (!guest) throw unknownToken();
  const group = user.customerGroup ?? null;
  const stock = await deps.skus.lookup(
    (await itemsOf(deps.db.orm, guest.id)).map((i) => i.sku),
    group,
  );
  const shopper = { kind: "user" as const, userId: user.id, email: user.email, group };
  const now = new Date();

  const cart = await deps.db.write(async (tx) => {
    // Re-read inside the write: a concurrent merge of the same token finds nothing.
    const current = await guestCartByTokenHash(tx, tokenHash);
    if (!current) throw unknownToken();
    const guestItems = await itemsOf(tx, current.id);
    const { cart } = await openCart(tx, shopper, now, { regionId: current.regionId, currency: current.currency });
    const userItems = await itemsOf(tx, cart.id);
    const keepsUserRegion = userItems.length > 0;
    const currency = keepsUserRegion ? cart.currency : current.currency;
    // The price the shopper last saw, in the merged cart's currency (0 where the SKU has none).
    const priceWhenAdded = (g: (typeof guestItems)[number]) =>
      currency === current.currency ? g.priceWhenAdded : (priceIn(stock.get(g.sku)?.prices ?? [], currency) ?? 0);
    let lines = userItems.length;
    for (const g of guestItems) {
      const mine = userItems.find((u) => u.sku === g.sku);
      const quantity = mergedQuantity(mine?.quantity ?? 0, g.quantity, stock.get(g.sku)?.available ?? 0);
      if (mine) {
        await tx
          .update(cartItems)
          .set({ quantity })
          .where(and(eq(cartItems.cartId, cart.id), eq(cartItems.sku, g.sku)));
      } else if (lines < MAX_CART_LINES) {
        await tx.insert(cartItems).values({ ...g, cartId: cart.id, quantity, priceWhenAdded: priceWhenAdded(g) });
        lines += 1;
      }
    }
    // The guest's saved items come along in the same transaction (#27): nothing saved is lost either.
    await mergeGuestWishlist(tx, current.id, { userId: user.id, email: user.email }, now);
    await tx.delete(cartItems).where(eq(cartItems.cartId, current.id));
    await tx.delete(carts).where(eq(carts.id, current.id));
    const region = keepsUserRegion
      ? {}
      : {
          regionId: current.regionId,
          currency: current.currency,
          country: current.country,
          subdivision: current.subdivision,
          shippingOptionId: current.shippingOptionId,
        };
    return touchCart(tx, cart.id, now, { ...region, discountCode: cart.discountCode ?? current.discountCode });
  });
  deps.changes.changed(guest);
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart);
}
