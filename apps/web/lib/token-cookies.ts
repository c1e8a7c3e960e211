import { CART_TOKEN_HEADER } from "@mercato/cart/contract";
import { ORDER_TOKEN_HEADER } from "@mercato/orders/contract";
import { CART_COOKIE, CART_MARKER_COOKIE } from "./config.ts";

// A guest's cart token and order access tokens live in HttpOnly cookies this server sets: the
// browser's scripts never read them, and they never travel in a URL (access logs, Referer). The
// `/trpc` proxy turns them into the x-cart-token / x-order-token headers the services read, and
// turns the tokens the services answer in those response headers back into cookies.

/** One cookie per guest order: `mercato_order_<orderId>`. */
export const ORDER_COOKIE_PREFIX = "mercato_order_";
/** The cart's own expiry; an order cookie lasts as long (a guest comes back from an email). */
const MAX_AGE_SECONDS = 30 * 24 * 3600;
/** Order ids are UUIDs; anything else is not made into a cookie name. */
const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Tokens are base64url (cart: 43 characters, order: 43). */
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

/** `Secure` when the shopper reached us over https (directly or through the ingress), or in production. */
export function isSecureRequest(req: Request): boolean {
  if (process.env.NODE_ENV === "production") return true;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (proto ?? new URL(req.url).protocol.replace(":", "")) === "https";
}

function cookie(name: string, value: string, opts: { secure: boolean; httpOnly: boolean; maxAge: number }): string {
  return [
    `${name}=${value}`,
    "Path=/",
    `Max-Age=${opts.maxAge}`,
    "SameSite=Lax",
    ...(opts.httpOnly ? ["HttpOnly"] : []),
    ...(opts.secure ? ["Secure"] : []),
  ].join("; ");
}

/** The Set-Cookie values that keep a guest's new cart token (and its marker). */
export function cartCookies(token: string, secure: boolean): string[] {
  if (!TOKEN.test(token)) return [];
  return [
    cookie(CART_COOKIE, token, { secure, httpOnly: true, maxAge: MAX_AGE_SECONDS }),
    cookie(CART_MARKER_COOKIE, "1", { secure, httpOnly: false, maxAge: MAX_AGE_SECONDS }),
  ];
}

/** The Set-Cookie values that forget the guest cart (merged at sign-in, or gone). */
export function clearCartCookies(secure: boolean): string[] {
  return [
    cookie(CART_COOKIE, "", { secure, httpOnly: true, maxAge: 0 }),
    cookie(CART_MARKER_COOKIE, "", { secure, httpOnly: false, maxAge: 0 }),
  ];
}

/** The Set-Cookie value that keeps a guest's access token to one order; none for a malformed pair. */
export function orderCookie(orderId: string, token: string, secure: boolean): string | undefined {
  if (!ORDER_ID.test(orderId) || !TOKEN.test(token)) return undefined;
  return cookie(`${ORDER_COOKIE_PREFIX}${orderId}`, token, { secure, httpOnly: true, maxAge: MAX_AGE_SECONDS });
}

function parseCookies(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

/** The headers the services read a guest's tokens from, taken from the request's cookies. */
export function tokenHeadersFromCookies(cookieHeader: string | null): Record<string, string> {
  const jar = parseCookies(cookieHeader);
  const headers: Record<string, string> = {};
  const cart = jar.get(CART_COOKIE);
  if (cart && TOKEN.test(cart)) headers[CART_TOKEN_HEADER] = cart;
  const orders: string[] = [];
  for (const [name, value] of jar) {
    if (!name.startsWith(ORDER_COOKIE_PREFIX) || !TOKEN.test(value)) continue;
    const orderId = name.slice(ORDER_COOKIE_PREFIX.length);
    if (ORDER_ID.test(orderId)) orders.push(`${orderId}=${value}`);
  }
  if (orders.length > 0) headers[ORDER_TOKEN_HEADER] = orders.join(",");
  return headers;
}

/**
 * The cookies to set for the tokens a service answered in its response headers (a new guest
 * cart, a placed order). The headers themselves are not passed on to the browser.
 */
export function cookiesFromTokenHeaders(res: Headers, secure: boolean): string[] {
  const out: string[] = [];
  const cart = res.get(CART_TOKEN_HEADER)?.trim();
  if (cart) out.push(...cartCookies(cart, secure));
  for (const entry of (res.get(ORDER_TOKEN_HEADER) ?? "").split(",")) {
    const trimmed = entry.trim();
    const eq = trimmed.indexOf("=");
    if (eq <= 0) continue;
    const set = orderCookie(trimmed.slice(0, eq), trimmed.slice(eq + 1), secure);
    if (set) out.push(set);
  }
  return out;
}

/** The token headers, by name: stripped from what the browser sends and from what it receives. */
export const TOKEN_HEADERS = [CART_TOKEN_HEADER, ORDER_TOKEN_HEADER];
