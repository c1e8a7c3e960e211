import { on, PaymentSucceeded } from "@mercato/events";
import { loadOrder } from "../db/event-store.ts";
import type { OrdersDeps } from "../deps.ts";
import { paidWhileCancelled, recordPayment } from "../domain/decide.ts";
import { refundable } from "../domain/order.ts";
import { applyToOrder } from "./apply.ts";

/**
 * Money arrived (browser confirmation or provider webhook alone): the order is PAID and
 * orders.paid.v1 tells inventory to commit. A payment that lands on an order cancelled meanwhile
 * is recorded and refunded in full.
 */
export function paymentSucceededHandler(deps: OrdersDeps) {
  return on(PaymentSucceeded, async (event, ctx) => {
    const { orderId, paymentId, amount, currency } = event.data;
    const before = await loadOrder(deps.db.orm, orderId);
    // The intent is created before it is recorded: a payment may briefly beat that record. Retry.
    if (before?.status === "PENDING")
      throw new Error(`payment ${paymentId} arrived before order ${orderId} awaited it`);
    const committed = await applyToOrder(
      deps,
      event,
      ctx,
      orderId,
      (s) => recordPayment(s, { paymentId, amount, currency }),
      before ?? undefined,
    );
    // What was just committed is the order now; otherwise (nothing appended) read it.
    const after = committed?.appended.length ? committed.state : await loadOrder(deps.db.orm, orderId);
    if (after && paidWhileCancelled(after) && refundable(after) > 0) {
      ctx.log.warn({ orderId, paymentId }, "payment for a cancelled order; refunding it");
      await deps.clients.payments.payments.internal.refund.mutate({
        orderId,
        amount: refundable(after),
        reason: "the order was cancelled before the payment arrived",
        idempotencyKey: `late-payment:${paymentId}`,
      });
    }
  });
}
