"use client";
import { useEffect, useState } from "react";
import { PWA_CACHES } from "@/sw/rules.ts";

interface Saved {
  href: string;
  title: string;
}

/** The pages the service worker keeps (its `pages` cache), by their titles, and a retry button. */
export function SavedPages() {
  const [saved, setSaved] = useState<Saved[] | null>(null);
  useEffect(() => {
    if (!("caches" in window)) return setSaved([]);
    let cancelled = false;
    (async () => {
      const cache = await caches.open(PWA_CACHES.pages);
      const requests = await cache.keys();
      const found: Saved[] = [];
      for (const request of requests.slice(0, 40)) {
        const url = new URL(request.url);
        if (url.origin !== window.location.origin) continue;
        const html = await (await cache.match(request))?.text();
        const title = html ? new DOMParser().parseFromString(html, "text/html").title : "";
        found.push({ href: `${url.pathname}${url.search}`, title: title || url.pathname });
      }
      if (!cancelled) setSaved(found);
    })().catch(() => !cancelled && setSaved([]));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <div className="mt-8 space-y-6">
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Try again
      </button>
      {saved && saved.length > 0 ? (
        <section aria-labelledby="saved-heading" className="text-left">
          <h2 id="saved-heading" className="text-lg font-semibold">
            Saved on this device
          </h2>
          <ul
            className="mt-3 divide-y divide-neutral-200 rounded-xl border border-neutral-200"
            data-testid="saved-pages"
          >
            {saved.map((s) => (
              // Plain links: a full navigation, which the service worker answers from its cache.
              <li key={s.href}>
                <a href={s.href} className="block px-4 py-3 text-sm hover:bg-neutral-50">
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
