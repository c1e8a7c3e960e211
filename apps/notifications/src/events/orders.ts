import {
  OrderCancelledEvent,
  OrderDeliveredEvent,
  OrderPaidEvent,
  OrderRefundedEvent,
  OrderShippedEvent,
} from "@mercato/events";
import { orderCancelledEmail } from "../templates/order-cancelled.tsx";
import { orderConfirmationEmail } from "../templates/order-confirmation.tsx";
import { orderDeliveredEmail } from "../templates/order-delivered.tsx";
import { orderRefundedEmail } from "../templates/order-refunded.tsx";
import { orderShippedEmail } from "../templates/order-shipped.tsx";
import { renderEmail } from "../templates/render.tsx";
import { notifier } from "./notifier.ts";

export const orderNotifiers = [
  notifier(OrderPaidEvent, async ({ data }, deps) => [
    { to: data.email, email: renderEmail(orderConfirmationEmail, data, deps.emailConfig) },
  ]),
  notifier(OrderShippedEvent, async ({ data }, deps) => [
    { to: data.email, email: renderEmail(orderShippedEmail, data, deps.emailConfig) },
  ]),
  notifier(OrderDeliveredEvent, async ({ data }, deps) => [
    { to: data.email, email: renderEmail(orderDeliveredEmail, data, deps.emailConfig) },
  ]),
  notifier(OrderCancelledEvent, async ({ data }, deps) => [
    { to: data.email, email: renderEmail(orderCancelledEmail, data, deps.emailConfig) },
  ]),
  notifier(OrderRefundedEvent, async ({ data }, deps) => [
    { to: data.email, email: renderEmail(orderRefundedEmail, data, deps.emailConfig) },
  ]),
];
