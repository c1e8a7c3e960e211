import type { AuthUser } from "@mercato/kit";
import { and, eq } from "drizzle-orm";
import type { CartView, SetRegionInput } from "../contract.ts";
import { cartById, itemsOf } from "../db/queries.ts";
import { cartItems } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { priceIn } from "../domain/cart-lines.ts";
import { choicesIn } from "../domain/region.ts";
import { emptyView, viewOf } from "./cart-view.ts";
import { touchCart } from "./open-cart.ts";
import { findCart, groupOf, shopperOf, unknownToken } from "./shopper.ts";

/**
 * Moves the cart to another region (a 404 naming `regionId` when the catalog has none): its
 * currency, tax basis, rates and shipping options become the region's, and the view re-prices
 * every line in the new currency. Lines without a price in it stay, flagged `not_sold_in_region`
 * and left out of the totals; a fixed code in another currency stays too, flagged `wrong_currency`.
 * The destination and shipping choice are kept where the new region has them, else reset.
 * Each line's "price when added" becomes its price in the new currency (0 where it has none):
 * the shopper asked for these prices, so they are not shown as changed.
 * A shopper without a cart gets the region's empty view (the web keeps their pick).
 */
export async function setRegion(deps: CartDeps, user: AuthUser | null, input: SetRegionInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  const region = await deps.regions.byId(input.regionId);
  if (!existing) return emptyView(region);
  if (existing.regionId === region.id) return viewOf(deps, shopper, existing);

  const info = await deps.skus.lookup(
    (await itemsOf(deps.db.orm, existing.id)).map((i) => i.sku),
    groupOf(shopper),
  );
  const now = new Date();
  const cart = await deps.db.write(async (tx) => {
    const current = await cartById(tx, existing.id);
    if (!current) throw unknownToken(); // swept or merged meanwhile
    for (const item of await itemsOf(tx, current.id)) {
      const price = priceIn(info.get(item.sku)?.prices ?? [], region.currency) ?? 0;
      // A gift card's own amount was in the old currency: it becomes the denomination's price here.
      const giftCard = item.giftCard && {
        recipientEmail: item.giftCard.recipientEmail,
        recipientName: item.giftCard.recipientName,
        message: item.giftCard.message,
      };
      await tx
        .update(cartItems)
        .set({ priceWhenAdded: price, ...(giftCard ? { giftCard } : {}) })
        .where(and(eq(cartItems.cartId, current.id), eq(cartItems.sku, item.sku)));
    }
    return touchCart(tx, current.id, now, {
      regionId: region.id,
      currency: region.currency,
      ...choicesIn(region, current),
    });
  });
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart, { known: info });
}
