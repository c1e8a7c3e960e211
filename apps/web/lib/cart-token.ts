"use client";
// The guest cart token itself is in an HttpOnly cookie this app's server sets (lib/token-cookies.ts)
// and sends on as a header: the browser's scripts never read it. They only learn that a guest cart
// exists (a marker cookie without the token), to merge it at sign-in, and can ask the server to
// forget it.

import { CART_MARKER_COOKIE } from "./config.ts";

/** Whether this browser holds a guest cart (its token is not readable here). */
export function hasGuestCart(): boolean {
  return document.cookie.split("; ").some((c) => c === `${CART_MARKER_COOKIE}=1`);
}

/** Forgets the guest cart: the server clears its HttpOnly cookie (merged at sign-in, or gone). */
export async function forgetGuestCart(): Promise<void> {
  await fetch("/api/guest-tokens", { method: "DELETE" }).catch(() => undefined);
}
