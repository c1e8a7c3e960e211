/**
 * The installable app's fixed facts, shared by the manifest (app/manifest.ts), the root layout's
 * theme colour and the service worker's build (scripts/build-sw.ts reads OFFLINE_PATH and the icons
 * to precache them).
 */
export const PWA_THEME_COLOR = "#3c49cf";
export const PWA_BACKGROUND = "#ffffff";
/** The page a navigation gets when the network is down and the page was never cached. */
export const OFFLINE_PATH = "/offline";
export const SW_PATH = "/sw.js";

export const PWA_ICONS = [
  { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
  { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
  { src: "/icons/icon-maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
  { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
] as const;
