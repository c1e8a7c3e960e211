import { on, PaymentRefunded } from "@mercato/events";
import type { OrdersDeps } from "../deps.ts";
import { recordRefund } from "../domain/decide.ts";
import { applyToOrder } from "./apply.ts";

/**
 * Money went back (from a cancel, an admin refund, or the provider's dashboard): recorded once per
 * refund id, so a refund the command already recorded is not counted twice.
 */
export function paymentRefundedHandler(deps: OrdersDeps) {
  return on(PaymentRefunded, async (event, ctx) => {
    const { orderId, refundId, amount, refundedTotal } = event.data;
    await applyToOrder(deps, event, ctx, orderId, (s) =>
      recordRefund(s, { refundId, amount, refundedTotal, reason: "refunded by the payment provider" }),
    );
  });
}
