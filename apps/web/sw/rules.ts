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
import type { PushPayload } from "@mercato/notifications/contract";

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
  if (NEVER_CACHED_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`))) return "never";
  if (path.startsWith("/_next/static/")) return "static";
  if (path.startsWith("/media/")) return "image";
  // Only whole-document loads: an RSC payload (?_rsc=…, header RSC: 1) is tied to the router state
  // of the page that asked and is refetched online.
  if (mode === "navigate" && PAGE_PATH.test(path) && !url.searchParams.has("_rsc")) return "page";
  return "never";
}

/**
 * The hashed build files (/_next/static/…) a page's HTML names, once each, for the worker to cache
 * with the offline page. The HTML names them in attributes and again inside the RSC payload's
 * script strings, where a quote is escaped (`\"/_next/static/chunks/a.js\"`): the backslash ends
 * a name too (it was once read as part of it, and `a.js\` asked for `a.js/`, a redirect).
 */
export function shellAssets(html: string): string[] {
  return [...new Set(html.match(/\/_next\/static\/[^"'\s)<>\\]+/g) ?? [])];
}

/** The runtime caches' names (the offline page lists the saved pages from `pages`). */
export const PWA_CACHES = { pages: "mercato-pages", images: "mercato-images", static: "mercato-static" } as const;

/** Bounds of the runtime caches (entries are evicted least recently used first). */
export const CACHE_LIMITS = {
  pages: { maxEntries: 40, maxAgeSeconds: 7 * 24 * 3600 },
  images: { maxEntries: 120, maxAgeSeconds: 30 * 24 * 3600 },
  static: { maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 },
} as const;

/** What the service worker shows for a push message (notifications' `PushPayload`, checked again here). */
export interface ShownPush {
  title: string;
  body: string;
  /** A path on this origin under /account/orders, opened on click. */
  path: string;
  tag: string;
}

const MAX_TEXT = 200;
export const ORDERS_PATH = "/account/orders";

/**
 * Reads a push message's JSON (`pushPayloadSchema` of the notifications contract: title, body, url,
 * tag) into what the notification shows, or null when it is not one. The click target is only ever
 * a path under /account/orders on this origin: the payload's URL gives the path (its host may be the
 * storefront's public name, not this one), anything else opens the order list.
 */
export function readPushPayload(data: unknown): ShownPush | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Partial<Record<keyof PushPayload, unknown>>;
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, MAX_TEXT) : null);
  const title = text(d.title);
  if (!title) return null;
  let path = ORDERS_PATH;
  const raw = text(d.url);
  if (raw) {
    try {
      const target = new URL(raw, "https://shop.invalid");
      if (target.pathname === ORDERS_PATH || target.pathname.startsWith(`${ORDERS_PATH}/`)) path = target.pathname;
    } catch {
      // Not a URL: the order list.
    }
  }
  return { title, body: text(d.body) ?? "", path, tag: text(d.tag) ?? "mercato-order" };
}
