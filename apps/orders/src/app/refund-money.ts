import type { OrdersDeps } from "../deps.ts";
import type { IssuedRefund } from "../domain/decide.ts";
import type { OrderState } from "../domain/order.ts";
import { giftCardRefundId, splitRefund } from "../domain/refund-split.ts";
import { upstream } from "./upstream.ts";

/** Payments answers with the payment's status after a refund it made (a refusal is an error). */
export function settled(refund: { status: string }): boolean {
  return refund.status === "refunded" || refund.status === "partially_refunded";
}

/**
 * Sends `amount` of the order's money back, split between its gift card and its card payment
 * (domain/refund-split.ts), each through payments under a key derived from `key`, so a retry of
 * the same command refunds nothing twice. Answers the refunds made, for the caller to record
 * with its event; a card refund payments has not settled yet (a provider's pending refund) is
 * left out, and recorded when payments' refunded event arrives.
 */
export async function refundMoney(
  deps: OrdersDeps,
  state: Pick<OrderState, "refunds" | "giftCardPaid" | "refundedTotal" | "placed">,
  cmd: { amount: number; reason: string; key: string },
): Promise<IssuedRefund[]> {
  const { orderId } = state.placed;
  const payments = deps.clients.payments.payments;
  const issued: IssuedRefund[] = [];
  let refundedTotal = state.refundedTotal;
  for (const part of splitRefund(state, cmd.amount, cmd.key)) {
    if (part.to === "gift_card") {
      // The gift card's part first: the card comes back to its holder as credit, in its ledger.
      // Its hold is committed first (idempotent): the saga commits it after the payment, but a
      // refund may come before that step ran (a crash between them), and only a committed hold
      // can be refunded.
      await upstream("payments", payments.giftCards.internal.commit.mutate({ orderId }));
      await upstream(
        "payments",
        payments.giftCards.internal.refund.mutate({
          orderId,
          amount: part.amount,
          idempotencyKey: `${cmd.key}:gift-card`,
        }),
      );
      refundedTotal += part.amount;
      issued.push({ refundId: giftCardRefundId(cmd.key), amount: part.amount, refundedTotal, to: "gift_card" });
      continue;
    }
    const r = await upstream(
      "payments",
      payments.internal.refund.mutate({ orderId, amount: part.amount, reason: cmd.reason, idempotencyKey: cmd.key }),
    );
    if (!settled(r)) continue;
    refundedTotal = Math.max(refundedTotal + r.amount, r.refundedTotal);
    issued.push({ refundId: r.refundId, amount: r.amount, refundedTotal, to: "card" });
  }
  return issued;
}
