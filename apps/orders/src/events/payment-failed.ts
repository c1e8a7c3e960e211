import { on, PaymentFailed } from "@mercato/events";
import type { OrdersDeps } from "../deps.ts";
import { failPayment } from "../domain/decide.ts";
import { applyToOrder } from "./apply.ts";

/** A declined attempt is recorded; the order keeps awaiting payment so the shopper can retry. */
export function paymentFailedHandler(deps: OrdersDeps) {
  return on(PaymentFailed, async (event, ctx) => {
    const { orderId, paymentId, code, reason } = event.data;
    await applyToOrder(deps, event, ctx, orderId, (s) => failPayment(s, { paymentId, code, reason }));
  });
}
