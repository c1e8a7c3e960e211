import type { AuthUser } from "@mercato/kit";
import type { AddItemResult, GetCartInput } from "../contract.ts";
import type { CartDeps } from "../deps.ts";
import { regionForNewCart, viewOf } from "./cart-view.ts";
import { openCart } from "./open-cart.ts";
import { findCart, shopperOf } from "./shopper.ts";

/**
 * The shopper's cart, opened now if they have none (REST's `POST /carts`, #24): an integrator gets
 * a cart id to address before the first item. A guest without a token gets a new cart and its
 * token, returned this once; a guest's unknown token is a 404 naming `cartToken` and creates
 * nothing. An existing cart keeps its region (setRegion changes it); a new one opens in the region
 * the input asks for, as addItem's would.
 */
export async function openShopperCart(
  deps: CartDeps,
  user: AuthUser | null,
  input: Omit<GetCartInput, "cartToken"> & { cartToken?: string | undefined },
): Promise<AddItemResult> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (existing) return { ...(await viewOf(deps, shopper, existing)), cartToken: null };
  const region = await regionForNewCart(deps.regions, input);
  const { cart, newToken } = await deps.db.write((tx) =>
    openCart(tx, shopper, new Date(), { regionId: region.id, currency: region.currency }),
  );
  deps.changes.changed(cart);
  return { ...(await viewOf(deps, shopper, cart)), cartToken: newToken };
}
