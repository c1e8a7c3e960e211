import type { AuthUser } from "@mercato/kit";
import type { AdminOrderDetail, OrderView, ShopperOrderInput } from "../contract.ts";
import { readOrderEvents } from "../db/event-store.ts";
import { orderViewById } from "../db/queries.ts";
import type { OrdersDeps } from "../deps.ts";
import { OrderNotFoundError } from "../domain/errors.ts";
import { ownOrder } from "./access.ts";
import { sellerDetail, sellerHasLines, sellerScope } from "./seller-orders.ts";

/** The order as its detail page shows it (from the read model). */
export async function orderDetail(deps: OrdersDeps, orderId: string): Promise<OrderView> {
  const row = await orderViewById(deps.db, orderId);
  if (!row) throw new OrderNotFoundError(orderId);
  return row.detail;
}

/** A shopper's order: theirs, or a guest's with its access token. */
export async function shopperOrderDetail(
  deps: OrdersDeps,
  user: AuthUser | null,
  input: ShopperOrderInput,
): Promise<OrderView> {
  return (await ownOrder(deps, user, input.orderId, input.accessToken)).detail;
}

/** For the admin: the order and its full history from the event store. */
export async function adminOrderDetail(deps: OrdersDeps, orderId: string): Promise<AdminOrderDetail> {
  const order = await orderDetail(deps, orderId);
  const seller = sellerScope();
  if (seller && !sellerHasLines(order, seller)) throw new OrderNotFoundError(orderId);
  const events = await readOrderEvents(deps.db.orm, orderId);
  const detail: AdminOrderDetail = {
    order,
    timeline: events.map((e) => {
      // The access-token hash is a credential's fingerprint: not for screens.
      const { accessTokenHash: _hash, ...data } = e.data as Record<string, unknown>;
      return { version: e.version, type: e.type, occurredAt: e.occurredAt, data };
    }),
  };
  // A seller sees its own lines only (#20).
  return seller ? sellerDetail(detail, seller) : detail;
}
