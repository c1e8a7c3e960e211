import type { AuthUser } from "@mercato/kit";
import type { CartRefInput, CartView, GetCartInput } from "../contract.ts";
import { cartOfUser } from "../db/queries.ts";
import type { CartDeps } from "../deps.ts";
import { CartChanges } from "./cart-changes.ts";
import { emptyView, viewOf } from "./cart-view.ts";
import { findCart, shopperOf } from "./shopper.ts";

/**
 * The shopper's cart, with current prices and availability, in its region. A shopper without a
 * cart sees the empty cart of the region they would get one in (`regionId`, else `country`'s).
 */
export async function getCart(deps: CartDeps, user: AuthUser | null, input: GetCartInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  return viewOf(deps, shopper, await findCart(deps.db.orm, shopper), { newCart: input });
}

/**
 * Live cart: the current view, then a fresh view after every change (another tab, a merge, an
 * order placed). A guest without a token gets the empty view once: they have nothing to watch.
 */
export async function* watchCart(
  deps: CartDeps,
  user: AuthUser | null,
  input: CartRefInput,
  signal: AbortSignal | undefined,
): AsyncGenerator<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const cart = await findCart(deps.db.orm, shopper);
  if (shopper.kind === "user") {
    const changes = deps.changes.watch(CartChanges.userKey(shopper.userId), signal);
    yield await viewOf(deps, shopper, cart);
    for await (const _ of changes)
      yield await viewOf(deps, shopper, (await cartOfUser(deps.db.orm, shopper.userId)) ?? null);
    return;
  }
  if (!cart) {
    yield emptyView(await deps.regions.resolve());
    return;
  }
  const changes = deps.changes.watch(CartChanges.cartKey(cart.id), signal);
  yield await viewOf(deps, shopper, cart);
  for await (const _ of changes) {
    const view = await viewOf(deps, shopper, cart);
    yield view;
    // Merged into a user cart or swept: the guest cart is gone, nothing more will happen to it.
    if (view.cartId === null) return;
  }
}
