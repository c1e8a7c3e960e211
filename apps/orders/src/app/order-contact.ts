import type { OrderContact } from "../contract.ts";
import type { OrdersDeps } from "../deps.ts";
import { orderDetail } from "./order-detail.ts";

/** Who to write to about an order (notifications). */
export async function orderContact(deps: OrdersDeps, orderId: string): Promise<OrderContact> {
  const order = await orderDetail(deps, orderId);
  return { email: order.email, number: order.number };
}
