import type { OrderStatus } from "./status.ts";

/** A command that the order's current status does not allow; the message names both states. */
export class OrderTransitionError extends Error {
  override name = "OrderTransitionError";
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus | string,
    detail?: string,
  ) {
    super(`status: an order in ${from} cannot become ${to}${detail ? ` (${detail})` : ""}`);
  }
}

/** A command whose input breaks an order rule (a refund above what was paid...); names the field. */
export class OrderRuleError extends Error {
  override name = "OrderRuleError";
}
