import { PaymentFailed } from "@mercato/events";
import { userOfOrder } from "../app/order-facts.ts";
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
];
