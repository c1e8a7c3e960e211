import { OrderPlacedEvent, on, processOnce } from "@mercato/events";
import { eq } from "drizzle-orm";
import { touchCart } from "../cart/open-cart.ts";
import { cartById } from "../db/queries.ts";
import { cartItems } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";

/** An order was placed from a cart: empty that cart (lines and code) so it is not bought twice. */
export function orderPlacedHandler(deps: CartDeps) {
  return on(OrderPlacedEvent, async (event) => {
    const { cartId } = event.data;
    if (!cartId) return;
    const outcome = await processOnce(deps.db, "cart", event, async (tx) => {
      // The cart may be gone already (swept, or merged into a user cart).
      if (!(await cartById(tx, cartId))) return null;
      await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
      return touchCart(tx, cartId, new Date(), { discountCode: null });
    });
    if (outcome.done && outcome.result) deps.changes.changed(outcome.result);
  });
}
