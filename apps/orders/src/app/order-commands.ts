import type { AuthUser } from "@mercato/kit";
import type { AdminCancelInput, CancelledBy, OrderView, RefundInput, ShopperCancelInput } from "../contract.ts";
import { loadOrder } from "../db/event-store.ts";
import type { OrdersDeps } from "../deps.ts";
import { cancel, planCancel, planRefund, recordRefund } from "../domain/decide.ts";
import { OrderNotFoundError } from "../domain/errors.ts";
import type { OrderState } from "../domain/order.ts";
import { ownOrder } from "./access.ts";
import { auditCommand } from "./audit-commands.ts";
import { execute } from "./commit.ts";
import { settleGiftCardHold } from "./gift-card-hold.ts";
import { orderDetail } from "./order-detail.ts";
import { refundMoney } from "./refund-money.ts";

/**
 * What people do to an order: admins ship, deliver, cancel and refund; shoppers cancel their own.
 * Each answers with the order as its detail page shows it afterwards.
 */

export async function current(deps: OrdersDeps, orderId: string): Promise<OrderState> {
  const state = await loadOrder(deps.db.orm, orderId);
  if (!state) throw new OrderNotFoundError(orderId);
  return state;
}

/**
 * Cancels an order that has not shipped. A paid order gets its money back first (full remaining
 * amount, idempotent per order), then orders.cancelled.v1 says wasPaid so inventory restocks.
 */
async function cancelOrder(
  deps: OrdersDeps,
  orderId: string,
  cmd: { reason: string; by: Exclude<CancelledBy, "system"> },
): Promise<OrderView> {
  const before = await current(deps, orderId);
  const plan = planCancel(before);
  const refunds =
    plan.refundDue > 0
      ? await refundMoney(deps, before, { amount: plan.refundDue, reason: cmd.reason, key: `cancel:${orderId}` })
      : [];
  const { state } = await execute(deps, orderId, (state) => cancel(state, { ...cmd, refunds }));
  await settleGiftCardHold(deps, state);
  return orderDetail(deps, orderId);
}

export async function adminCancelOrder(deps: OrdersDeps, input: AdminCancelInput): Promise<OrderView> {
  const audit = await auditCommand(deps, "orders.admin.cancel", input.orderId, input);
  return audit.done(await cancelOrder(deps, input.orderId, { reason: input.reason, by: "admin" }));
}

/** A shopper cancels an order they may see (signed-in owner or access token), before it ships. */
export async function shopperCancelOrder(
  deps: OrdersDeps,
  user: AuthUser | null,
  input: ShopperCancelInput,
): Promise<OrderView> {
  await ownOrder(deps, user, input.orderId, input.accessToken);
  return cancelOrder(deps, input.orderId, { reason: input.reason, by: "shopper" });
}

/** Refunds part or all of what was paid (returns, goodwill); the key makes a retried click harmless. */
export async function refundOrder(deps: OrdersDeps, input: RefundInput): Promise<OrderView> {
  const { orderId, amount, reason } = input;
  const audit = await auditCommand(deps, "orders.admin.refund", orderId, input);
  const idempotencyKey = input.idempotencyKey ?? Bun.randomUUIDv7();
  const before = await current(deps, orderId);
  planRefund(before, amount);
  const refunds = await refundMoney(deps, before, { amount, reason, key: idempotencyKey });
  if (refunds.length > 0) {
    await execute(deps, orderId, (state) => refunds.flatMap((refund) => recordRefund(state, { ...refund, reason })));
  }
  return audit.done(await orderDetail(deps, orderId));
}
