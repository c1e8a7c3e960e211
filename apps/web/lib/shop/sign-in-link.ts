import { DEFAULT_NEXT, safeNext } from "./safe-next.ts";

/** Pages that are themselves the sign-in flow: a sign-in link from there keeps the `next` it has. */
const AUTH_PAGES = ["/account/sign-in", "/account/sign-up", "/account/reset-password", "/account/forgot-password"];

/**
 * The header's "Sign in" link from the page the shopper is on (path and query), so signing in
 * returns there (`next`, checked again by `safeNext` on the sign-in page). From the sign-in flow
 * itself it keeps that page's own `next`; the default destination needs no parameter.
 */
export function signInHref(current: string): string {
  const url = new URL(current, "https://mercato.invalid");
  const onAuthPage = AUTH_PAGES.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`));
  const next = onAuthPage ? safeNext(url.searchParams.get("next")) : safeNext(`${url.pathname}${url.search}`);
  return next === DEFAULT_NEXT ? "/account/sign-in" : `/account/sign-in?next=${encodeURIComponent(next)}`;
}
