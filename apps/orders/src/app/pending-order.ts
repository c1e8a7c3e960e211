import type { AuthUser } from "@mercato/kit";
import type { OrderView, ReleasePendingInput } from "../contract.ts";
import type { OrdersDeps } from "../deps.ts";
import { releasePending } from "../domain/decide.ts";
import { ownOrder } from "./access.ts";
import { execute } from "./commit.ts";
import { settleGiftCardHold } from "./gift-card-hold.ts";
import { orderDetail } from "./order-detail.ts";

/**
 * "Cancel this order and return to my cart" on the pay step (#21): the signed-in owner or a guest
 * with the order's token releases an unpaid (PENDING, awaiting payment) order. The order is
 * cancelled by the shopper through the saga's own path (orders.cancelled.v1, wasPaid false):
 * inventory releases the reservation and the cart gives the discount code's use back. The answer
 * is the order as its page shows it, whose lines the storefront puts back in the cart. Idempotent:
 * a released order answers the same view; a paid or shipped one is a 409 naming `status` (or
 * `paymentStatus`), and a stranger's order is a 404 as everywhere.
 */
export async function releasePendingOrder(
  deps: OrdersDeps,
  user: AuthUser | null,
  input: ReleasePendingInput,
): Promise<OrderView> {
  await ownOrder(deps, user, input.orderId, input.accessToken);
  const { state } = await execute(deps, input.orderId, releasePending);
  // The gift card's hold goes back to the card with the order (idempotent on a repeat).
  await settleGiftCardHold(deps, state);
  return orderDetail(deps, input.orderId);
}
