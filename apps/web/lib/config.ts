/** Where this app's server reaches the gateway. The browser never calls it directly: /trpc, /api/auth
 * and /media on this origin are forwarded (lib/gateway-proxy.ts), read at run time. */
export const SERVER_GATEWAY_URL = process.env.GATEWAY_URL ?? "http://127.0.0.1:4000";
/** The catalog's edge worker (#25), e.g. https://catalog-edge.example.workers.dev; unset: the gateway answers every catalog read. */
export const CATALOG_EDGE_URL = process.env.CATALOG_EDGE_URL || undefined;
export const STRIPE_PUBLISHABLE_KEY = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? "";
export const SHOP_NAME = "Mercato";
/** The guest cart token lives in this HttpOnly cookie (lib/token-cookies.ts): scripts cannot read it. */
export const CART_COOKIE = "mercato_cart";
/** Tells the storefront's scripts a guest cart exists (for the merge at sign-in); not the token. */
export const CART_MARKER_COOKIE = "mercato_cart_guest";
