"use client";
// Loads product-reviews.tsx (its form, sorting, paging and their queries) only once the reviews
// section comes within a short distance of the viewport. A `next/dynamic` component rendered
// straight away still fetches its chunk during the page's first load (docs/PERFORMANCE.md), so
// the import waits for an IntersectionObserver. Until then, and if the chunk fails to load (offline),
// the server-rendered summary it wraps stays.
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { ProductReviews } from "./product-reviews.tsx";

/** How far below the viewport the section starts loading: early enough to be ready when seen. */
const AHEAD = "200px 0px";

export function LazyProductReviews({
  productId,
  next,
  children,
}: {
  productId: string;
  next: string;
  /** What shows until the interactive section has loaded (server-rendered). */
  children: ReactNode;
}) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [Loaded, setLoaded] = useState<typeof ProductReviews | null>(null);

  useEffect(() => {
    const element = placeholder.current;
    if (!element) return;
    let active = true;
    const load = () =>
      void import("./product-reviews.tsx")
        .then((mod) => {
          if (active) setLoaded(() => mod.ProductReviews);
        })
        .catch(() => undefined);
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        load();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => {
      active = false;
      observer.disconnect();
    };
  }, []);

  if (Loaded) return <Loaded productId={productId} next={next} />;
  return <div ref={placeholder}>{children}</div>;
}
