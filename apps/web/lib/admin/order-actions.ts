/**
 * Which admin actions an order allows, from its status, mirroring the orders service's state
 * machine (apps/orders/src/domain/decide.ts) so a button is only enabled where the service would
 * accept the command. The service stays the judge: a refused command still shows its message.
 */
export const ORDER_STATUSES = [
  "PENDING",
  "AWAITING_PAYMENT",
  "PAID",
  "SHIPPED",
  "DELIVERED",
  "CANCELLED",
  "REFUNDED",
  "PARTIALLY_REFUNDED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderFacts {
  status: string;
  paidAmount: number;
  refundedTotal: number;
  shipment: { deliveredAt: string | null } | null;
  cancellation: unknown;
}

export interface OrderActions {
  ship: boolean;
  deliver: boolean;
  cancel: boolean;
  refund: boolean;
  /** What a refund may still return (minor units). */
  refundable: number;
}

const CANCELLABLE = ["PENDING", "AWAITING_PAYMENT", "PAID", "PARTIALLY_REFUNDED"];

export function orderActions(order: OrderFacts): OrderActions {
  const refundable = Math.max(0, order.paidAmount - order.refundedTotal);
  const shipped = order.shipment !== null;
  return {
    ship: (order.status === "PAID" || order.status === "PARTIALLY_REFUNDED") && !shipped && !order.cancellation,
    deliver:
      order.status === "SHIPPED" ||
      (order.status === "PARTIALLY_REFUNDED" && shipped && order.shipment?.deliveredAt === null),
    cancel: CANCELLABLE.includes(order.status) && !shipped,
    refund: order.paidAmount > 0 && order.status !== "REFUNDED" && refundable > 0,
    refundable,
  };
}
