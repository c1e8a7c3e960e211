"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { boundQuery, SEARCH_MAX_LENGTH } from "@/lib/shop/listing.ts";

const DEBOUNCE_MS = 300;

/**
 * The header search: typing updates /search?q= after a short pause, so results and facets follow
 * as you type, and each settled query is one history entry (back returns to it).
 */
export function SearchBox() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const onSearch = pathname === "/search";
  const urlQuery = onSearch ? (params.get("q") ?? "") : "";
  const [value, setValue] = useState(urlQuery);
  // True while the box holds typing the URL has not caught up with yet.
  const dirty = useRef(false);

  // Back/forward or a link changed the URL: show its query, unless the shopper is mid-typing.
  useEffect(() => {
    if (!dirty.current) setValue(urlQuery);
  }, [urlQuery]);

  useEffect(() => {
    if (!dirty.current) return;
    const q = boundQuery(value);
    const timer = setTimeout(() => {
      dirty.current = false;
      if (onSearch ? q === boundQuery(urlQuery) : q === "") return;
      const next = q ? `/search?q=${encodeURIComponent(q)}` : "/search";
      // Refining a search replaces the entry; starting one from another page pushes.
      if (onSearch) router.replace(next, { scroll: false });
      else router.push(next);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value, urlQuery, onSearch, router]);

  return (
    <search>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          dirty.current = false;
          const q = boundQuery(value);
          router.push(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
        }}
      >
        <label htmlFor="site-search" className="sr-only">
          Search products
        </label>
        <input
          id="site-search"
          type="search"
          name="q"
          autoComplete="off"
          placeholder="Search"
          maxLength={SEARCH_MAX_LENGTH}
          value={value}
          onChange={(e) => {
            dirty.current = true;
            setValue(e.target.value);
          }}
          className="h-10 w-full rounded-full border border-neutral-300 bg-neutral-50 px-4 text-sm outline-none placeholder:text-neutral-400 focus:border-brand-500 focus:bg-white focus:ring-2 focus:ring-brand-100"
        />
      </form>
    </search>
  );
}
