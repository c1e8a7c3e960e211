"use client";
// A guest proves an order is theirs with the access token checkout returned. It is kept in this
// browser's localStorage under the order id, so the confirmation page, the payment page and a
// reload all find it; a signed-in owner needs none.

const key = (orderId: string) => `mercato:order-access:${orderId}`;

export function rememberOrderAccess(orderId: string, accessToken: string): void {
  try {
    localStorage.setItem(key(orderId), accessToken);
  } catch {
    // Private mode or a full storage: the signed-in path still works.
  }
}

export function orderAccessToken(orderId: string): string | undefined {
  try {
    return localStorage.getItem(key(orderId)) ?? undefined;
  } catch {
    return undefined;
  }
}
