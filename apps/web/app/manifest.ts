import type { MetadataRoute } from "next";
import { SHOP_NAME } from "@/lib/config.ts";
import { PWA_BACKGROUND, PWA_ICONS, PWA_THEME_COLOR } from "@/lib/pwa.ts";

/**
 * The web app manifest (served at /manifest.webmanifest, linked from every page by Next): what an
 * installed Mercato is called, its icons (public/icons, made from app/icon.svg by
 * scripts/gen-icons.ts) and how it opens. With the service worker (public/sw.js) it makes the shop
 * installable in Chromium.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: `${SHOP_NAME} — everyday things, well made`,
    short_name: SHOP_NAME,
    description: "Clothing, shoes and home goods, shipped fast.",
    start_url: "/?source=pwa",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: PWA_BACKGROUND,
    theme_color: PWA_THEME_COLOR,
    categories: ["shopping"],
    icons: PWA_ICONS.map((icon) => ({ ...icon })),
  };
}
