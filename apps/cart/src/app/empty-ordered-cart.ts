import { type EventOf, type OrderPlacedEvent, processOnce } from "@mercato/events";
import { eq } from "drizzle-orm";
import { cartById } from "../db/queries.ts";
import { cartItems } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { touchCart } from "./open-cart.ts";

/** An order was placed from a cart: empty that cart (lines and code) so it is not bought twice. */
export async function emptyOrderedCart(deps: CartDeps, event: EventOf<typeof OrderPlacedEvent>): Promise<void> {
  const { cartId } = event.data;
  if (!cartId) return;
  const outcome = await processOnce(deps.db, "cart", event, async (tx) => {
    // The cart may be gone already (swept, or merged into a user cart).
    if (!(await cartById(tx, cartId))) return null;
    await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
    return touchCart(tx, cartId, new Date(), { discountCode: null });
  });
  if (outcome.done && outcome.result) deps.changes.changed(outcome.result);
}
