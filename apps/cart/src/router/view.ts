import { CartChanges } from "../cart/changes.ts";
import { customerOf, findCart, type Shopper, shopperOf } from "../cart/shopper.ts";
import { buildView, type CartView, emptyView } from "../cart/view.ts";
import type { SkuInfo } from "../clients/sku-source.ts";
import { cartById, cartOfUser } from "../db/queries.ts";
import type { CartDeps } from "../deps.ts";
import { shopperProcedure } from "../trpc.ts";
import { cartRefInput } from "./inputs.ts";

/** The view of a cart (or the empty view when there is none), re-read from the database. */
export async function viewOf(
  deps: CartDeps,
  shopper: Shopper,
  cart: { id: string } | null,
  known?: ReadonlyMap<string, SkuInfo>,
): Promise<CartView> {
  const row = cart ? await cartById(deps.db.orm, cart.id) : null;
  return row ? buildView(deps, deps.db.orm, row, customerOf(shopper), { known }) : emptyView(deps.pricing);
}

export const viewProcedures = {
  /** The shopper's cart, with current prices and availability. Never cached: it is personal. */
  get: shopperProcedure.input(cartRefInput.default({})).query(async ({ ctx, input }) => {
    ctx.resHeaders.set("cache-control", "private, no-store");
    const shopper = shopperOf(ctx.user, input.cartToken);
    return viewOf(ctx.deps, shopper, await findCart(ctx.deps.db.orm, shopper));
  }),

  /**
   * Live cart: the current view, then a fresh view after every change (another tab, a merge, an
   * order placed). A guest without a token gets the empty view once: they have nothing to watch.
   */
  onChanged: shopperProcedure.input(cartRefInput.default({})).subscription(async function* ({ ctx, input, signal }) {
    const { deps } = ctx;
    const shopper = shopperOf(ctx.user, input.cartToken);
    const cart = await findCart(deps.db.orm, shopper);
    if (shopper.kind === "user") {
      const changes = deps.changes.watch(CartChanges.userKey(shopper.userId), signal);
      yield await viewOf(deps, shopper, cart);
      for await (const _ of changes)
        yield await viewOf(deps, shopper, (await cartOfUser(deps.db.orm, shopper.userId)) ?? null);
      return;
    }
    if (!cart) {
      yield emptyView(deps.pricing);
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
  }),
};
