/** Where this app's server reaches the gateway. The browser never calls it directly: /trpc, /api/auth
 * and /media on this origin are forwarded (lib/gateway-proxy.ts), read at run time. */
export const SERVER_GATEWAY_URL = process.env.GATEWAY_URL ?? "http://127.0.0.1:4000";
export const STRIPE_PUBLISHABLE_KEY = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? "";
export const SHOP_NAME = "Mercato";
/** The guest cart token lives in this cookie (readable by server components too). */
export const CART_COOKIE = "mercato_cart";
