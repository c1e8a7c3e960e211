import {
  type Envelope,
  type EventOf,
  type HandlerContext,
  type PaymentFailed,
  type PaymentRefunded,
  type PaymentSucceeded,
  PermanentEventError,
  type ReservationExpired,
  type ReservationRejected,
  type StockReserved,
} from "@mercato/events";
import { cardDue, refundableAmount } from "../contract.ts";
import { loadOrder } from "../db/event-store.ts";
import type { OrdersDeps } from "../deps.ts";
import {
  expireReservation,
  failPayment,
  paidWhileCancelled,
  payByGiftCard,
  recordExchangePayment,
  recordPayment,
  recordRefund,
  rejectStock,
  requestPayment,
} from "../domain/decide.ts";
import { OrderNotFoundError, OrderTransitionError, PaymentMismatchError } from "../domain/errors.ts";
import type { NewOrderEvent } from "../domain/events.ts";
import type { OrderState } from "../domain/order.ts";
import { type Committed, execute } from "./commit.ts";
import { settleGiftCardHold } from "./gift-card-hold.ts";
import { issueBoughtGiftCards } from "./gift-card-issue.ts";

/** The checkout saga's steps in orders: what each event from inventory and payments does to an order. */

/**
 * Applies a consumed event to its order once (inbox in the same transaction). An event the order's
 * state no longer allows (a late expiry on a paid order, a duplicate) is a normal part of a saga:
 * it is logged and acknowledged, not retried.
 */
async function applyToOrder(
  deps: OrdersDeps,
  event: Envelope,
  ctx: HandlerContext,
  orderId: string,
  decide: (state: OrderState) => NewOrderEvent[],
  loaded?: OrderState,
): Promise<Committed | null> {
  try {
    return await execute(deps, orderId, decide, { cause: event, loaded });
  } catch (err) {
    if (err instanceof OrderTransitionError || err instanceof OrderNotFoundError) {
      ctx.log.info({ orderId, reason: err.message }, `${event.type} does not apply to the order; skipped`);
      return null;
    }
    throw err;
  }
}

/** The order as a step left it: what was just committed, else (nothing appended) as stored. */
async function orderAfter(deps: OrdersDeps, orderId: string, committed: Committed | null) {
  return committed?.appended.length ? committed.state : loadOrder(deps.db.orm, orderId);
}

/**
 * Stock is held: ask payments for an intent for what the gift card does not cover (idempotent by
 * order id, so a redelivery gets the same one), then record both facts so the order awaits
 * payment. A gift card covering the whole total pays the order at once, without an intent.
 */
export async function onStockReserved(deps: OrdersDeps, event: EventOf<typeof StockReserved>, ctx: HandlerContext) {
  const { orderId, reservationId, expiresAt } = event.data;
  const state = await loadOrder(deps.db.orm, orderId);
  if (state?.status !== "PENDING" || state.payment) {
    ctx.log.info({ orderId, status: state?.status }, "reservation for an order that no longer waits for one");
    // A redelivery after a crash may find the order paid by its gift card but the hold not yet committed.
    await settleGiftCardHold(deps, state);
    return;
  }
  const { placed } = state;
  if (placed.giftCard && cardDue(placed) === 0) {
    const committed = await applyToOrder(
      deps,
      event,
      ctx,
      orderId,
      (s) => payByGiftCard(s, { reservationId, expiresAt }),
      state,
    );
    await settleGiftCardHold(deps, await orderAfter(deps, orderId, committed));
    return;
  }
  const intent = await deps.clients.payments.payments.internal.createIntent.mutate({
    orderId,
    userId: placed.userId,
    email: placed.email,
    amount: cardDue(placed),
    currency: placed.totals.currency,
    ...(placed.paymentMethodId ? { paymentMethodId: placed.paymentMethodId } : {}),
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
}

/** Not enough stock for every line: the order is cancelled naming the short SKUs. */
export async function onReservationRejected(
  deps: OrdersDeps,
  event: EventOf<typeof ReservationRejected>,
  ctx: HandlerContext,
) {
  const committed = await applyToOrder(deps, event, ctx, event.data.orderId, (s) =>
    rejectStock(s, event.data.shortages),
  );
  await settleGiftCardHold(deps, await orderAfter(deps, event.data.orderId, committed));
}

/** The hold on stock ran out before payment: an unpaid order is cancelled (a paid one ignores it). */
export async function onReservationExpired(
  deps: OrdersDeps,
  event: EventOf<typeof ReservationExpired>,
  ctx: HandlerContext,
) {
  const committed = await applyToOrder(deps, event, ctx, event.data.orderId, (s) =>
    expireReservation(s, event.data.reservationId),
  );
  await settleGiftCardHold(deps, await orderAfter(deps, event.data.orderId, committed));
}

/**
 * Money arrived (browser confirmation or provider webhook alone): the order is PAID and
 * orders.paid.v1 tells inventory to commit, and the gift cards it bought are issued. A payment
 * that lands on an order cancelled meanwhile is recorded and refunded in full.
 */
export async function onPaymentSucceeded(
  deps: OrdersDeps,
  event: EventOf<typeof PaymentSucceeded>,
  ctx: HandlerContext,
) {
  const { orderId, paymentId, amount, currency } = event.data;
  if (event.data.purpose === "exchange") return onExchangePaid(deps, event, ctx);
  const before = await loadOrder(deps.db.orm, orderId);
  // The intent is created before it is recorded: a payment may briefly beat that record. Retry.
  if (before?.status === "PENDING" && !before.payment)
    throw new Error(`payment ${paymentId} arrived before order ${orderId} awaited it`);
  let committed: Committed | null;
  try {
    committed = await applyToOrder(
      deps,
      event,
      ctx,
      orderId,
      (s) => recordPayment(s, { paymentId, amount, currency }),
      before ?? undefined,
    );
  } catch (err) {
    // Not the payment this order asked for (forged, or for another amount): nothing changes and
    // no retry can make it right, so it goes to the dead-letter stream with the reason.
    if (err instanceof PaymentMismatchError) {
      ctx.log.error({ orderId, paymentId, amount, currency, reason: err.message }, "payment refused");
      throw new PermanentEventError(`payment refused for order ${orderId}: ${err.message}`);
    }
    throw err;
  }
  // What was just committed is the order now; otherwise (nothing appended) read it.
  const after = await orderAfter(deps, orderId, committed);
  await settleGiftCardHold(deps, after);
  await issueBoughtGiftCards(deps, after);
  if (after && paidWhileCancelled(after) && refundableAmount(after) > 0) {
    ctx.log.warn({ orderId, paymentId }, "payment for a cancelled order; refunding it");
    await deps.clients.payments.payments.internal.refund.mutate({
      orderId,
      amount: refundableAmount(after),
      reason: "the order was cancelled before the payment arrived",
      idempotencyKey: `late-payment:${paymentId}`,
    });
  }
}

/**
 * An exchange's price difference was paid (payments' second payment on the order, reference =
 * the return): recorded once, so its replacement can ship. A payment that is not the one the
 * exchange asked for (id or amount) is dead-lettered with the reason, like the order's own.
 */
async function onExchangePaid(deps: OrdersDeps, event: EventOf<typeof PaymentSucceeded>, ctx: HandlerContext) {
  const { orderId, paymentId, amount, reference } = event.data;
  if (!reference) throw new PermanentEventError(`exchange payment ${paymentId} names no return`);
  try {
    await applyToOrder(deps, event, ctx, orderId, (s) =>
      recordExchangePayment(s, { returnId: reference, paymentId, amount }),
    );
  } catch (err) {
    if (err instanceof PaymentMismatchError || (err instanceof Error && err.name === "OrderRuleError")) {
      ctx.log.error({ orderId, paymentId, reason: err.message }, "exchange payment refused");
      throw new PermanentEventError(`exchange payment refused for order ${orderId}: ${err.message}`);
    }
    throw err;
  }
}

/** A declined attempt is recorded; the order keeps awaiting payment so the shopper can retry. */
export async function onPaymentFailed(deps: OrdersDeps, event: EventOf<typeof PaymentFailed>, ctx: HandlerContext) {
  const { orderId, paymentId, code, reason } = event.data;
  // An exchange's declined difference changes nothing on the order: the shopper pays again.
  if (event.data.purpose === "exchange") {
    ctx.log.info({ orderId, paymentId, code }, "exchange payment declined");
    return;
  }
  await applyToOrder(deps, event, ctx, orderId, (s) => failPayment(s, { paymentId, code, reason }));
}

/**
 * Money went back (from a cancel, an admin refund, or the provider's dashboard): recorded once per
 * refund id, so a refund the command already recorded is not counted twice.
 */
export async function onPaymentRefunded(deps: OrdersDeps, event: EventOf<typeof PaymentRefunded>, ctx: HandlerContext) {
  const { orderId, refundId, amount, refundedTotal } = event.data;
  await applyToOrder(deps, event, ctx, orderId, (s) =>
    recordRefund(s, { refundId, amount, refundedTotal, to: "card", reason: "refunded by the payment provider" }),
  );
}
