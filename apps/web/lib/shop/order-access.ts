"use client";
// A guest proves an order is theirs with the access token checkout returned. It lives in an
// HttpOnly cookie per order, set by this app's server when checkout answers (lib/gateway-proxy.ts)
// and sent on as the x-order-token header, so it never appears in a URL and scripts cannot read
// it. A link may bring it in its fragment (`#token=`, which browsers never send to a server); an
// older version of the shop kept it in localStorage. Both are handed to the server once and wiped.
// An emailed link (#21) brings a signed, expiring token instead (`#link=`), which the order page
// exchanges with orders for the cookie (takeAccessLink).

import { ACCESS_LINK_FRAGMENT } from "@mercato/orders/contract";

const legacyKey = (orderId: string) => `mercato:order-access:${orderId}`;

/** A parameter of the address's fragment (`#token=...`, `#link=...`), removed from the address bar at once. */
function takeFragment(name: string): string | undefined {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const value = params.get(name) ?? undefined;
  if (value) {
    params.delete(name);
    const rest = params.toString();
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ""}`,
    );
  }
  return value;
}

const takeFragmentToken = () => takeFragment("token");

/**
 * An emailed order link's signed token (`#link=...`, #21), taken out of the address bar: the
 * order page exchanges it with `orders.redeemLink` for the order's cookie.
 */
export const takeAccessLink = () => takeFragment(ACCESS_LINK_FRAGMENT);

function takeLegacyToken(orderId: string): string | undefined {
  try {
    const token = localStorage.getItem(legacyKey(orderId)) ?? undefined;
    if (token) localStorage.removeItem(legacyKey(orderId));
    return token;
  } catch {
    return undefined;
  }
}

/** Gives the server this order's token from the fragment or old storage, if any, to keep in its cookie. */
export async function adoptOrderAccess(orderId: string): Promise<void> {
  const token = takeFragmentToken() ?? takeLegacyToken(orderId);
  if (!token) return;
  await fetch("/api/guest-tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ orderId, token }),
  }).catch(() => undefined);
}
