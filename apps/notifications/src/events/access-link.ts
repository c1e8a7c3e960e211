import { OrderAccessLinkRequestedEvent } from "@mercato/events";
import { createServiceClient } from "@mercato/kit";
import type { OrdersRouter } from "@mercato/orders";
import { ACCESS_LINK_FRAGMENT, type AccessLinkInternalResult } from "@mercato/orders/contract";
import { RecipientUnavailableError } from "../app/recipients.ts";
import type { NotificationsDeps } from "../deps.ts";
import { storefrontLinks } from "../domain/links.ts";
import { orderAccessLinkEmail } from "../templates/order-access-link.tsx";
import { renderEmail } from "../templates/render.tsx";
import { notifier } from "./notifier.ts";

// Guest order links (#21). The event names the order only; the signed link comes from orders
// over `orders.internal.accessLink` (notifications' credential only), never from the bus. The
// token rides in the URL fragment, which browsers do not send to a server.

type Deps = Pick<NotificationsDeps, "env" | "serviceToken" | "emailConfig">;

/** A fresh link to the order from orders; null when orders has no such order (nothing to send). */
export async function orderAccessLink(
  deps: Deps,
  orderId: string,
): Promise<(AccessLinkInternalResult & { url: string }) | null> {
  const orders = createServiceClient<OrdersRouter>("orders", deps.env.ORDERS_URL, deps.serviceToken);
  try {
    const link = await orders.orders.internal.accessLink.mutate({ orderId });
    const url = `${storefrontLinks(deps.emailConfig.storefrontUrl).order(orderId)}#${ACCESS_LINK_FRAGMENT}=${link.token}`;
    return { ...link, url };
  } catch (err) {
    const code = (err as { data?: { code?: unknown } } | null)?.data?.code;
    if (code === "NOT_FOUND") return null;
    // Orders is down or starting: the event waits (deferred_events) and is sent later.
    throw new RecipientUnavailableError(
      `orders.internal.accessLink: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * The signed link for a guest's confirmation email; undefined (the plain order page) when orders
 * cannot give one now, so the confirmation is never held back for it.
 */
export async function guestOrderUrl(deps: NotificationsDeps, orderId: string): Promise<string | undefined> {
  try {
    return (await orderAccessLink(deps, orderId))?.url;
  } catch (err) {
    deps.log.warn(
      { orderId, err: err instanceof Error ? err.message : String(err) },
      "no guest link for the confirmation",
    );
    return undefined;
  }
}

export const accessLinkNotifiers = [
  notifier(OrderAccessLinkRequestedEvent, async ({ data }, deps) => {
    const link = await orderAccessLink(deps, data.orderId);
    if (!link) return [];
    return [
      {
        // The order's own address, never one typed into the lookup form.
        to: link.email,
        email: renderEmail(
          orderAccessLinkEmail,
          { number: link.number, orderUrl: link.url, expiresAt: link.expiresAt },
          deps.emailConfig,
        ),
        // One per order per minute however often the lookup is sent.
        throttle: { key: `order-access-link:${data.orderId}`, windowMs: 60_000 },
      },
    ];
  }),
];
