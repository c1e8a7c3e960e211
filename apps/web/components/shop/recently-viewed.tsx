"use client";
import Link from "next/link";
import { useEffect, useSyncExternalStore } from "react";
import {
  type RecentProduct,
  recentServerSnapshot,
  recentSnapshot,
  rememberViewed,
  subscribeRecent,
} from "@/lib/shop/recently-viewed.ts";

/** Remembers, in this browser only, that the shopper looked at this product. Renders nothing. */
export function RecordView({ slug, title, image }: RecentProduct) {
  useEffect(() => {
    rememberViewed({ slug, title, image });
  }, [slug, title, image]);
  return null;
}

/**
 * The products this browser viewed last (localStorage; the server knows nothing of it), newest
 * first, leaving out `exclude` (the product on screen). Nothing when there are none.
 */
export function RecentlyViewed({ exclude }: { exclude?: string }) {
  const all = useSyncExternalStore(subscribeRecent, recentSnapshot, recentServerSnapshot);
  const items = all.filter((p) => p.slug !== exclude);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="recently-viewed-heading" className="mt-16" data-testid="recently-viewed">
      <h2 id="recently-viewed-heading" className="text-xl font-semibold tracking-tight">
        Recently viewed
      </h2>
      <ul className="mt-6 flex gap-4 overflow-x-auto pb-2">
        {items.map((p) => (
          <li key={p.slug} className="w-32 shrink-0 sm:w-40">
            <Link href={`/p/${p.slug}`} className="group block rounded-xl">
              <div className="aspect-square overflow-hidden rounded-xl bg-neutral-100">
                {p.image ? <img src={p.image} alt="" loading="lazy" className="h-full w-full object-cover" /> : null}
              </div>
              <p className="mt-2 text-sm font-medium text-ink group-hover:text-brand-700">{p.title}</p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
