import { type AuthUser, invalid } from "@mercato/kit";
import type { CartView, SetShippingInput } from "../contract.ts";
import type { CartDeps } from "../deps.ts";
import { offersOption } from "../domain/region.ts";
import { buildView, regionOfCart } from "./cart-view.ts";
import { touchCart } from "./open-cart.ts";
import { customerOf, findCart, shopperOf } from "./shopper.ts";

/**
 * Picks the shipping option (null: back to the region's default). Refused with a 400 naming
 * `shippingOptionId` when the region does not offer it or it cannot carry the basket as it is
 * (too heavy for its weight tiers); the cart is then unchanged. Should the basket later outgrow
 * the option, the view falls back to the region's default and says which option it priced.
 */
export async function setShipping(deps: CartDeps, user: AuthUser | null, input: SetShippingInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (!existing) throw invalid("cart", "add something to the cart first");
  const region = await regionOfCart(deps.regions, existing);
  const optionId = input.shippingOptionId;
  if (optionId !== null && !offersOption(region, optionId)) {
    throw invalid("shippingOptionId", `"${optionId}" is not offered in ${region.name}`);
  }
  const tried = await buildView(deps, deps.db.orm, existing, customerOf(shopper), {
    region,
    shippingOptionId: optionId,
  });
  const cart = await deps.db.write((tx) => touchCart(tx, existing.id, new Date(), { shippingOptionId: optionId }));
  deps.changes.changed(cart);
  return { ...tried, updatedAt: cart.updatedAt };
}
