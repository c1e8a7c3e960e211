"use client";
import { useEffect } from "react";
import { SW_PATH } from "@/lib/pwa.ts";

/**
 * Registers the storefront's service worker (public/sw.js, built from sw/sw.ts) once the page has
 * loaded, in production builds only: in `next dev` a caching worker would serve stale code. Marks
 * `html[data-sw="ready"]` when a worker is active, for tests and diagnostics.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    const register = () => {
      navigator.serviceWorker
        .register(SW_PATH, { scope: "/" })
        .then(() => navigator.serviceWorker.ready)
        .then(() => {
          if (!cancelled) document.documentElement.dataset.sw = "ready";
        })
        .catch(() => undefined);
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    return () => {
      cancelled = true;
      window.removeEventListener("load", register);
    };
  }, []);
  return null;
}
