"use client";
import { CART_COOKIE } from "./config.ts";

/** The guest cart token, kept in a first-party cookie for 30 days (the cart's own expiry). */
export function readCartToken(): string | undefined {
  const match = document.cookie.match(new RegExp(`(?:^|; )${CART_COOKIE}=([^;]+)`));
  return match ? decodeURIComponent(match[1]!) : undefined;
}

export function writeCartToken(token: string | null): void {
  // A plain cookie (not the async Cookie Store API) so server components can read it too.
  // biome-ignore lint/suspicious/noDocumentCookie: the value is a base64url token, encoded above
  document.cookie = token
    ? `${CART_COOKIE}=${encodeURIComponent(token)}; Path=/; Max-Age=${30 * 24 * 3600}; SameSite=Lax`
    : `${CART_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}
