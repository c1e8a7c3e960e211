import { type AuthUser, invalid } from "@mercato/kit";
import type { z } from "zod";
import type { CartView, setDestinationInput } from "../contract.ts";
import type { CartDeps } from "../deps.ts";
import { regionOfCart, viewOf } from "./cart-view.ts";
import { touchCart } from "./open-cart.ts";
import { findCart, shopperOf } from "./shopper.ts";

/**
 * Sets where the goods go, so tax is worked out for it: a country of the cart's region (else a
 * 400 naming `country`), and optionally its subdivision (a US state, where sales tax depends on
 * it; its shape is checked by the contract). Checkout still takes the shipping address; this is
 * what the cart shows its taxes for until then.
 */
export async function setDestination(
  deps: CartDeps,
  user: AuthUser | null,
  input: z.output<typeof setDestinationInput>,
): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (!existing) throw invalid("cart", "add something to the cart first");
  const region = await regionOfCart(deps.regions, existing);
  if (!region.countries.includes(input.country)) {
    throw invalid("country", `${input.country} is not in ${region.name} (${region.countries.join(", ")})`);
  }
  const cart = await deps.db.write((tx) =>
    touchCart(tx, existing.id, new Date(), { country: input.country, subdivision: input.subdivision ?? null }),
  );
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart);
}
