import {
  OrderCancelledEvent,
  OrderDeliveredEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  OrderShippedEvent,
} from "@mercato/events";
import { rememberOrder, userOfOrder } from "../app/order-facts.ts";
import { storefrontLinks } from "../domain/links.ts";
import { orderCancelledEmail } from "../templates/order-cancelled.tsx";
import { orderConfirmationEmail } from "../templates/order-confirmation.tsx";
import { orderDeliveredEmail } from "../templates/order-delivered.tsx";
import { orderRefundedEmail } from "../templates/order-refunded.tsx";
import { orderShippedEmail } from "../templates/order-shipped.tsx";
import { renderEmail } from "../templates/render.tsx";
import { guestOrderUrl } from "./access-link.ts";
import { notifier } from "./notifier.ts";

// orders.placed and orders.paid name the shopper's account (null for guests) and the lines:
// remembered per order, so the later events, which name only the order and SKUs, honour that
// user's preferences and name the products.
/** The order's page: where its SMS and push messages lead. */
const orderLink = (deps: { emailConfig: { storefrontUrl: string } }, orderId: string) =>
  storefrontLinks(deps.emailConfig.storefrontUrl).order(orderId);

export const orderNotifiers = [
  notifier(
    OrderPlacedEvent,
    async () => [],
    (tx, { data }) => rememberOrder(tx, data),
  ),
  notifier(
    OrderPaidEvent,
    async ({ data }, deps) => [
      {
        to: data.email,
        userId: data.userId,
        // A guest's "View your order" carries a signed link (#21), so it opens in any browser.
        email: renderEmail(
          orderConfirmationEmail,
          { ...data, orderUrl: data.userId ? undefined : await guestOrderUrl(deps, data.orderId) },
          deps.emailConfig,
        ),
        link: orderLink(deps, data.orderId),
      },
    ],
    (tx, { data }) => rememberOrder(tx, data),
  ),
  notifier(OrderShippedEvent, async ({ data }, deps) => [
    {
      to: data.email,
      userId: await userOfOrder(deps.db, data.orderId),
      email: renderEmail(orderShippedEmail, data, deps.emailConfig),
      link: orderLink(deps, data.orderId),
    },
  ]),
  notifier(OrderDeliveredEvent, async ({ data }, deps) => [
    {
      to: data.email,
      userId: await userOfOrder(deps.db, data.orderId),
      email: renderEmail(orderDeliveredEmail, data, deps.emailConfig),
      link: orderLink(deps, data.orderId),
    },
  ]),
  notifier(OrderCancelledEvent, async ({ data }, deps) => [
    {
      to: data.email,
      userId: await userOfOrder(deps.db, data.orderId),
      email: renderEmail(orderCancelledEmail, data, deps.emailConfig),
      link: orderLink(deps, data.orderId),
    },
  ]),
  // A return's refund is mailed by its own email (orders.return.refunded, events/fulfilment.ts).
  notifier(OrderRefundedEvent, async ({ data }, deps) =>
    data.returnId
      ? []
      : [
          {
            to: data.email,
            userId: await userOfOrder(deps.db, data.orderId),
            email: renderEmail(orderRefundedEmail, data, deps.emailConfig),
          },
        ],
  ),
];
