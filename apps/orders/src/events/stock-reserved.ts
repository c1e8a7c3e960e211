import { on, StockReserved } from "@mercato/events";
import { loadOrder } from "../db/event-store.ts";
import type { OrdersDeps } from "../deps.ts";
import { requestPayment } from "../domain/decide.ts";
import { applyToOrder } from "./apply.ts";

/**
 * Stock is held: ask payments for an intent (idempotent by order id, so a redelivery gets the same
 * one), then record both facts so the order awaits payment.
 */
export function stockReservedHandler(deps: OrdersDeps) {
  return on(StockReserved, async (event, ctx) => {
    const { orderId, reservationId, expiresAt } = event.data;
    const state = await loadOrder(deps.db.orm, orderId);
    if (state?.status !== "PENDING") {
      ctx.log.info({ orderId, status: state?.status }, "reservation for an order that no longer waits for one");
      return;
    }
    const { placed } = state;
    const intent = await deps.clients.payments.payments.internal.createIntent.mutate({
      orderId,
      userId: placed.userId,
      email: placed.email,
      amount: placed.totals.total,
      currency: placed.totals.currency,
    });
    await applyToOrder(
      deps,
      event,
      ctx,
      orderId,
      (s) =>
        requestPayment(
          s,
          { reservationId, expiresAt },
          { paymentId: intent.paymentId, provider: intent.provider, clientSecret: intent.clientSecret ?? null },
        ),
      state,
    );
  });
}
