/// <reference lib="webworker" />
// The storefront's service worker, bundled by scripts/build-sw.ts into public/sw.js (served at
// /sw.js, scope /). Built on Serwist (precache, strategies, expiration); what it may cache is in
// ./rules.ts. Push messages come from notifications (web-push, VAPID) and show an order's status.
import {
  CacheableResponsePlugin,
  CacheFirst,
  ExpirationPlugin,
  NetworkFirst,
  NetworkOnly,
  Serwist,
  type SerwistPlugin,
  StaleWhileRevalidate,
} from "serwist";
import { CACHE_LIMITS, cacheRule, ORDERS_PATH, PWA_CACHES, readPushPayload, shellAssets } from "./rules.ts";

declare const self: ServiceWorkerGlobalScope;
/** Replaced at build (scripts/build-sw.ts): a new value per build, so each deploy installs afresh. */
declare const __SW_REVISION__: string;
declare const __OFFLINE_PATH__: string;
declare const __PRECACHE_URLS__: string[];

const REVISION = __SW_REVISION__;
const OFFLINE = __OFFLINE_PATH__;
const CACHES = PWA_CACHES;

const rule = (request: Request) =>
  cacheRule({ url: new URL(request.url), method: request.method, mode: request.mode, origin: self.location.origin });

/**
 * Stores only a plain 200 from this origin that was not redirected: a redirect (to sign-in, to a
 * renamed product) or an error page is never what the shopper should get back offline.
 */
const onlyPlainOk: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) =>
    response.status === 200 && response.type === "basic" && !response.redirected ? response : null,
};

const serwist = new Serwist({
  precacheEntries: [OFFLINE, ...__PRECACHE_URLS__].map((url) => ({ url, revision: REVISION })),
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request }) => rule(request) === "static",
      handler: new CacheFirst({
        cacheName: CACHES.static,
        plugins: [onlyPlainOk, new ExpirationPlugin({ ...CACHE_LIMITS.static, purgeOnQuotaError: true })],
      }),
    },
    {
      matcher: ({ request }) => rule(request) === "image",
      handler: new StaleWhileRevalidate({
        cacheName: CACHES.images,
        plugins: [
          new CacheableResponsePlugin({ statuses: [200] }),
          new ExpirationPlugin({ ...CACHE_LIMITS.images, purgeOnQuotaError: true }),
        ],
      }),
    },
    {
      // Network first: a page's prices and stock follow the shopper's region cookie and change;
      // the last good copy is served only when the network fails (or takes over 4 s).
      matcher: ({ request }) => rule(request) === "page",
      handler: new NetworkFirst({
        cacheName: CACHES.pages,
        networkTimeoutSeconds: 4,
        plugins: [onlyPlainOk, new ExpirationPlugin({ ...CACHE_LIMITS.pages, purgeOnQuotaError: true })],
      }),
    },
    {
      // Every other navigation goes to the network, uncached; when that fails, the offline page.
      matcher: ({ request }) => request.mode === "navigate" && rule(request) === "never",
      handler: new NetworkOnly(),
    },
  ],
  fallbacks: {
    entries: [{ url: OFFLINE, matcher: ({ request }) => request.mode === "navigate" }],
  },
});

/**
 * The app shell: the offline page's own scripts and styles (the hashed /_next/static files its HTML
 * names), so it renders styled and hydrated with no network. Best effort: a failure leaves the
 * runtime cache to fill them on the next visit.
 */
async function cacheShellAssets(): Promise<void> {
  try {
    const html = await (await fetch(OFFLINE, { credentials: "same-origin", cache: "no-store" })).text();
    const assets = shellAssets(html);
    const cache = await caches.open(CACHES.static);
    await Promise.all(assets.map((a) => cache.add(a).catch(() => undefined)));
  } catch {
    // Offline during install: nothing to warm.
  }
}

self.addEventListener("install", (event) => event.waitUntil(cacheShellAssets()));

self.addEventListener("push", (event) => {
  let data: unknown = null;
  try {
    data = event.data?.json() ?? null;
  } catch {
    data = null;
  }
  const push = readPushPayload(data);
  if (!push) return;
  event.waitUntil(
    self.registration.showNotification(push.title, {
      body: push.body,
      tag: push.tag,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-maskable-192.png",
      data: { path: push.path },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data as { path?: unknown } | null;
  const path = typeof data?.path === "string" && data.path.startsWith(ORDERS_PATH) ? data.path : ORDERS_PATH;
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => w.url === target);
      if (open) return void (await open.focus());
      await self.clients.openWindow(target);
    })(),
  );
});

serwist.addEventListeners();
