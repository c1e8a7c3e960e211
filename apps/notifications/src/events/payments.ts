import { GiftCardIssued, PaymentFailed } from "@mercato/events";
import { userOfOrder } from "../app/order-facts.ts";
import { giftCardEmail } from "../templates/gift-card.tsx";
import { paymentFailedEmail } from "../templates/payment-failed.tsx";
import { renderEmail } from "../templates/render.tsx";
import { notifier } from "./notifier.ts";

export const paymentNotifiers = [
  // The event names the order but not the shopper: orders knows the address and the order number.
  notifier(PaymentFailed, async ({ data }, deps) => {
    const contact = await deps.recipients.orderContact(data.orderId);
    return [
      {
        to: contact.email,
        userId: await userOfOrder(deps.db, data.orderId),
        email: renderEmail(
          paymentFailedEmail,
          { orderId: data.orderId, number: contact.number, reason: data.reason },
          deps.emailConfig,
        ),
        // Each declined retry is an event; the shopper hears about the first in a window only.
        throttle: {
          key: `payment_failed:${data.orderId}`,
          windowMs: deps.env.PAYMENT_FAILED_EMAIL_WINDOW_SECONDS * 1000,
        },
      },
    ];
  }),
  // The event carries no code: it is claimed from payments. Gone (claimed long ago) → nothing to send.
  // `secretUrl` keeps the code out of what admins read in the mailbox, as a reset link.
  notifier(GiftCardIssued, async ({ data }, deps) => {
    const delivery = await deps.recipients.giftCardDelivery(data.cardId);
    if (!delivery) return [];
    return [
      {
        to: delivery.recipientEmail,
        userId: null,
        email: renderEmail(
          giftCardEmail,
          {
            recipientName: delivery.recipientName,
            amount: delivery.amount,
            currency: delivery.currency,
            message: delivery.message,
            code: delivery.code,
          },
          deps.emailConfig,
        ),
        secretUrl: delivery.code,
      },
    ];
  }),
];
