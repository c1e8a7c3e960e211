import type { OrdersDeps } from "../deps.ts";
import type { OrderState } from "../domain/order.ts";
import { upstream } from "./upstream.ts";

/**
 * The cards a paid order bought (#27): one per unit of each gift-card line, issued by payments
 * to the line's recipient, who gets the code by email. Payments issues once per (order, line id),
 * so a redelivered "payment succeeded" after a crash issues what is missing and nothing twice.
 * A cancelled order issues nothing (a payment that lands on one is refunded).
 */
export async function issueBoughtGiftCards(deps: OrdersDeps, state: OrderState | null | undefined): Promise<number> {
  if (!state?.paidAt || state.cancellation) return 0;
  const { placed } = state;
  const issue = deps.clients.payments.payments.giftCards.internal.issueForOrder;
  let issued = 0;
  for (const line of placed.lines) {
    if (line.kind !== "gift_card" || !line.giftCard) continue;
    for (let unit = 1; unit <= line.quantity; unit++) {
      await upstream(
        "payments",
        issue.mutate({
          orderId: placed.orderId,
          // Stable per unit: the same order and unit always names the same card.
          lineId: `${line.sku}#${unit}`,
          purchaserUserId: placed.userId,
          amount: line.unitPrice,
          currency: placed.totals.currency,
          recipientEmail: line.giftCard.recipientEmail,
          recipientName: line.giftCard.recipientName,
          message: line.giftCard.message,
        }),
      );
      issued += 1;
    }
  }
  return issued;
}
