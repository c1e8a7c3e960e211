import {
  OrderLinesCancelledEvent,
  OrderReturnApprovedEvent,
  OrderReturnRefundedEvent,
  OrderReturnRejectedEvent,
  OrderReturnRequestedEvent,
  OrderShipmentDeliveredEvent,
  OrderShipmentShippedEvent,
} from "@mercato/events";
import { RETURN_REASON_LABELS, RETURN_REASONS, type ReturnReason } from "@mercato/orders/contract";
import { rememberReturn, returnNumberOf, titled, userOfOrder } from "../app/order-facts.ts";
import type { NotificationsDeps } from "../deps.ts";
import { storefrontLinks } from "../domain/links.ts";
import { exchangeShippedEmail } from "../templates/exchange-shipped.tsx";
import { linesCancelledEmail } from "../templates/lines-cancelled.tsx";
import { renderEmail } from "../templates/render.tsx";
import { returnApprovedEmail } from "../templates/return-approved.tsx";
import { returnRefundedEmail } from "../templates/return-refunded.tsx";
import { returnRejectedEmail } from "../templates/return-rejected.tsx";
import { returnRequestedEmail } from "../templates/return-requested.tsx";
import { shipmentDeliveredEmail } from "../templates/shipment-delivered.tsx";
import { shipmentShippedEmail } from "../templates/shipment-shipped.tsx";
import type { UnitLine } from "../templates/units.tsx";
import { notifier } from "./notifier.ts";

/** The label of a return reason from the orders contract's fixed list (an unknown code as-is). */
function reasonLabel(reason: string): string {
  return (RETURN_REASONS as readonly string[]).includes(reason) ? RETURN_REASON_LABELS[reason as ReturnReason] : reason;
}

type ReturnLine = { sku: string; quantity: number; reason: string; exchangeForSku: string | null };

/** A return's lines with their titles, reasons and, for an exchange, what they are swapped for. */
function returnLines(deps: NotificationsDeps, orderId: string, lines: readonly ReturnLine[]): Promise<UnitLine[]> {
  return titled(
    deps.db,
    orderId,
    lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      note: [
        `reason: ${reasonLabel(l.reason)}`,
        ...(l.exchangeForSku ? [`exchanged for ${l.exchangeForSku}`] : []),
      ].join(", "),
    })),
  );
}

/** Every return event names the return's number: kept for its exchange's shipment email. */
const rememberReturnOf = (
  tx: Parameters<typeof rememberReturn>[0],
  e: { data: Parameters<typeof rememberReturn>[1] },
) => rememberReturn(tx, e.data);

/**
 * The shopper and their account (for preferences and deletion), from what orders told us, and the
 * order's page (where the SMS and push versions lead).
 */
async function shopper(deps: NotificationsDeps, data: { orderId: string; email: string }) {
  return {
    to: data.email,
    userId: await userOfOrder(deps.db, data.orderId),
    link: storefrontLinks(deps.emailConfig.storefrontUrl).order(data.orderId),
  };
}

// #19: one email per fulfilment and return step. The events carry SKUs and quantities; the titles
// come from orders.placed (order_lines). orders.refunded is also published for a return's refund
// (with its returnId): the return email says it, so that one is not mailed twice (events/orders.ts).
export const fulfilmentNotifiers = [
  notifier(OrderShipmentShippedEvent, async ({ data }, deps) => {
    const lines = await titled(deps.db, data.orderId, data.lines);
    const email = data.exchangeReturnId
      ? renderEmail(
          exchangeShippedEmail,
          {
            ...data,
            returnNumber: await returnNumberOf(deps.db, data.exchangeReturnId),
            lines,
            trackingUrl: data.trackingUrl,
          },
          deps.emailConfig,
        )
      : renderEmail(shipmentShippedEmail, { ...data, lines }, deps.emailConfig);
    return [{ ...(await shopper(deps, data)), email }];
  }),
  notifier(OrderShipmentDeliveredEvent, async ({ data }, deps) => {
    const lines = await titled(deps.db, data.orderId, data.lines);
    return [
      {
        ...(await shopper(deps, data)),
        email: renderEmail(shipmentDeliveredEmail, { ...data, lines }, deps.emailConfig),
      },
    ];
  }),
  notifier(OrderLinesCancelledEvent, async ({ data }, deps) => {
    const lines = await titled(deps.db, data.orderId, data.lines);
    return [
      { ...(await shopper(deps, data)), email: renderEmail(linesCancelledEmail, { ...data, lines }, deps.emailConfig) },
    ];
  }),
  notifier(
    OrderReturnRequestedEvent,
    async ({ data }, deps) => {
      const lines = await returnLines(deps, data.orderId, data.lines);
      return [
        {
          ...(await shopper(deps, data)),
          email: renderEmail(returnRequestedEmail, { ...data, lines }, deps.emailConfig),
        },
      ];
    },
    rememberReturnOf,
  ),
  notifier(
    OrderReturnApprovedEvent,
    async ({ data }, deps) => {
      const lines = await returnLines(deps, data.orderId, data.lines);
      return [
        {
          ...(await shopper(deps, data)),
          email: renderEmail(returnApprovedEmail, { ...data, lines }, deps.emailConfig),
        },
      ];
    },
    rememberReturnOf,
  ),
  notifier(OrderReturnRejectedEvent, async ({ data }, deps) => {
    const lines = await returnLines(deps, data.orderId, data.lines);
    return [
      { ...(await shopper(deps, data)), email: renderEmail(returnRejectedEmail, { ...data, lines }, deps.emailConfig) },
    ];
  }),
  notifier(OrderReturnRefundedEvent, async ({ data }, deps) => [
    { ...(await shopper(deps, data)), email: renderEmail(returnRefundedEmail, data, deps.emailConfig) },
  ]),
];
