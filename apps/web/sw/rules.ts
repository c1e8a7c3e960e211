/**
 * What the service worker (sw/sw.ts → public/sw.js) may keep, as pure rules on a request's URL
 * and mode, so they are unit-tested (test/sw-rules.test.ts) and documented in one place
 * (docs/ARCHITECTURE.md "The installable storefront", SECURITY.md).
 *
 * An allowlist: only public, per-shopper-identical resources are cached.
 *  - `static`: Next's hashed build files (/_next/static/…): immutable, cache-first.
 *  - `page`: a document navigation to the home page, a product page (/p/<slug>) or a category page
 *    (/c/<slug>): network-first, the last good copy served when the network is down. These pages are
 *    rendered from anonymous catalog reads: their HTML holds no account, cart or order data (the cart,
 *    the account menu and prices in a cart are client-side, read through /trpc, which is never cached).
 *  - `image`: catalog media (/media/…): stale-while-revalidate.
 *  - `never`: everything else. Named here because they must never be stored even by a later rule:
 *    /api/* (better-auth, guest tokens), /trpc/* (queries carry carts, orders and accounts;
 *    mutations are POSTs), /admin, /account, /checkout, /cart, /dev, and any non-GET request.
 * A navigation that is not cached and fails (offline) gets the precached offline page.
 */
export type CacheRule = "static" | "page" | "image" | "never";

/** Paths that hold private data or change state: never cached, whatever else matches. */
export const NEVER_CACHED_PREFIXES = [
  "/api/",
  "/trpc/",
  "/admin",
  "/account",
  "/checkout",
  "/cart",
  "/dev",
  "/sw.js",
] as const;

const PAGE_PATH = /^\/(?:|p\/[^/]+|c\/[^/]+)$/;

export interface RequestFacts {
  url: URL;
  method: string;
  /** `navigate` for a document load; Next's client-side (RSC) fetches are `cors` / `same-origin`. */
  mode: string;
  /** The page's own origin: nothing from another origin is cached. */
  origin: string;
}

export function cacheRule({ url, method, mode, origin }: RequestFacts): CacheRule {
  if (method !== "GET" || url.origin !== origin) return "never";
  const path = url.pathname;
  if (NEVER_CACHED_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`)))
    return "never";
  if (path.startsWith("/_next/static/")) return "static";
  if (path.startsWith("/media/")) return "image";
  // Only whole-document loads: an RSC payload (?_rsc=…, header RSC: 1) is tied to the router state
  // of the page that asked and is refetched online.
  if (mode === "navigate" && PAGE_PATH.test(path) && !url.searchParams.has("_rsc")) return "page";
  return "never";
}

/** Bounds of the runtime caches (entries are evicted least recently used first). */
export const CACHE_LIMITS = {
  pages: { maxEntries: 40, maxAgeSeconds: 7 * 24 * 3600 },
  images: { maxEntries: 120, maxAgeSeconds: 30 * 24 * 3600 },
  static: { maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 },
} as const;

/** What a push message may carry and show (notifications' push payload): an order's number and status, nothing else. */
export interface OrderPushPayload {
  title: string;
  body: string;
  /** A same-origin path to open on click, e.g. /account/orders/<id>. */
  url: string;
  tag?: string;
}

const MAX_TEXT = 200;

/**
 * Reads a push message's JSON into what the notification shows, or null when it is not one of ours.
 * The click target must be a path on this origin under /account/orders/ (a push can never send the
 * shopper elsewhere).
 */
export function readPushPayload(data: unknown, origin: string): OrderPushPayload | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, MAX_TEXT) : null);
  const title = text(d.title);
  const body = text(d.body) ?? "";
  const rawUrl = text(d.url);
  if (!title || !rawUrl) return null;
  let target: URL;
  try {
    target = new URL(rawUrl, origin);
  } catch {
    return null;
  }
  if (target.origin !== origin || !target.pathname.startsWith("/account/orders/")) return null;
  const tag = text(d.tag);
  return { title, body, url: `${target.pathname}${target.search}`, ...(tag ? { tag } : {}) };
}
