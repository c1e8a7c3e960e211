/**
 * Which admin actions an order allows: the orders service's own rules, from its contract, so a
 * button is enabled exactly where the service would accept the command. The service stays the
 * judge: a refused command still shows its message.
 */
import {
  type AdminActions,
  adminActions,
  type OrderFacts as ContractOrderFacts,
  isOrderStatus,
  refundableAmount,
} from "@mercato/orders/contract";

export { ORDER_STATUSES, type OrderStatus } from "@mercato/orders/contract";

export type OrderActions = AdminActions;

/** The facts as a page holds them; the status may be one this build of the web app does not know. */
export type OrderFacts = Omit<ContractOrderFacts, "status"> & { status: string };

export function orderActions(order: OrderFacts): OrderActions {
  const { status } = order;
  if (isOrderStatus(status)) return adminActions({ ...order, status });
  return { ship: false, deliver: false, cancel: false, refund: false, refundable: refundableAmount(order) };
}
