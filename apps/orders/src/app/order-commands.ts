import { loadOrder } from "../db/event-store.ts";
import type { OrdersDeps } from "../deps.ts";
import { cancel, deliver, planCancel, planRefund, recordRefund, ship } from "../domain/decide.ts";
import type { OrderState } from "../domain/order.ts";
import { type Committed, execute } from "./commit.ts";
import { OrderNotFoundError } from "./errors.ts";
import { upstream } from "./upstream.ts";

async function current(deps: OrdersDeps, orderId: string): Promise<OrderState> {
  const state = await loadOrder(deps.db.orm, orderId);
  if (!state) throw new OrderNotFoundError(orderId);
  return state;
}

/** Payments answers with the payment's status after a refund it made (a refusal is an error). */
function settled(refund: { status: string }): boolean {
  return refund.status === "refunded" || refund.status === "partially_refunded";
}

/**
 * Cancels an order that has not shipped. A paid order gets its money back first (full remaining
 * amount, idempotent per order), then orders.cancelled.v1 says wasPaid so inventory restocks.
 */
export async function cancelOrder(
  deps: OrdersDeps,
  orderId: string,
  cmd: { reason: string; by: "shopper" | "admin" },
): Promise<Committed> {
  const plan = planCancel(await current(deps, orderId));
  let refund: { refundId: string; amount: number; refundedTotal: number } | null = null;
  if (plan.refundDue > 0) {
    const r = await upstream(
      "payments",
      deps.clients.payments.payments.internal.refund.mutate({
        orderId,
        amount: plan.refundDue,
        reason: cmd.reason,
        idempotencyKey: `cancel:${orderId}`,
      }),
    );
    if (settled(r)) refund = { refundId: r.refundId, amount: r.amount, refundedTotal: r.refundedTotal };
  }
  return execute(deps, orderId, (state) => cancel(state, { ...cmd, refund }));
}

/** Refunds part or all of what was paid (returns, goodwill); the key makes a retried click harmless. */
export async function refundOrder(
  deps: OrdersDeps,
  orderId: string,
  cmd: { amount: number; reason: string; idempotencyKey: string },
): Promise<Committed> {
  planRefund(await current(deps, orderId), cmd.amount);
  const r = await upstream("payments", deps.clients.payments.payments.internal.refund.mutate({ orderId, ...cmd }));
  if (!settled(r)) {
    const state = await current(deps, orderId);
    return { before: state, state, appended: [] };
  }
  return execute(deps, orderId, (state) =>
    recordRefund(state, { refundId: r.refundId, amount: r.amount, refundedTotal: r.refundedTotal, reason: cmd.reason }),
  );
}

export function shipOrder(deps: OrdersDeps, orderId: string, cmd: { carrier: string; trackingNumber: string }) {
  return execute(deps, orderId, (state) => ship(state, cmd));
}

export function deliverOrder(deps: OrdersDeps, orderId: string) {
  return execute(deps, orderId, deliver);
}
