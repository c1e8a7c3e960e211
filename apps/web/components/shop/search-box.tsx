"use client";
import { SUGGEST_LIMITS } from "@mercato/catalog/contract";
import { useMercatoClient } from "@mercato/client/react";
import { formatMoney } from "@mercato/pricing";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { boundQuery, SEARCH_MAX_LENGTH } from "@/lib/shop/listing.ts";
import { useRegion } from "@/lib/shop/region-context.tsx";

const DEBOUNCE_MS = 300;
/** Suggestions wait for a shorter pause than the results page. */
const SUGGEST_DEBOUNCE_MS = 150;

/** Text as `catalog.products.suggest` takes it: trimmed and cut to the contract's bound. */
export function suggestQuery(text: string): string {
  return text.trim().slice(0, SUGGEST_LIMITS.q).trim();
}

interface Suggestion {
  id: string;
  href: string;
  label: string;
  detail: string;
  image: string | null;
}

/** The value after it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The header search: typing updates /search?q= after a short pause, so results and facets follow
 * as you type, and each settled query is one history entry (back returns to it). Under the box,
 * suggestions (products, then categories) follow the typing: an ARIA combobox, where the arrow
 * keys move through them, Enter opens the one chosen (or searches), Escape closes the list.
 */
export function SearchBox() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const client = useMercatoClient();
  const { region } = useRegion();
  const onSearch = pathname === "/search";
  const urlQuery = onSearch ? (params.get("q") ?? "") : "";
  const [value, setValue] = useState(urlQuery);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  // True while the box holds typing the URL has not caught up with yet.
  const dirty = useRef(false);
  const input = useRef<HTMLInputElement>(null);

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

  const typed = useSettled(suggestQuery(value), SUGGEST_DEBOUNCE_MS);
  const found = useQuery({
    queryKey: ["shop", "suggest", typed, region.currency],
    enabled: open && typed !== "",
    queryFn: () => client.catalog.products.suggest.query({ q: typed, currency: region.currency }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const suggestions: Suggestion[] =
    typed === "" || !found.data
      ? []
      : [
          ...found.data.products.map((p) => ({
            id: `${listId}-p-${p.slug}`,
            href: `/p/${p.slug}`,
            label: p.title,
            detail: [p.brand, formatMoney(p.minPrice, p.currency)].filter(Boolean).join(" · "),
            image: p.image?.url ?? null,
          })),
          ...found.data.categories.map((c) => ({
            id: `${listId}-c-${c.slug}`,
            href: `/c/${c.slug}`,
            label: c.name,
            detail: c.parentName ? `Category in ${c.parentName}` : "Category",
            image: null,
          })),
        ];
  const expanded = open && suggestions.length > 0;

  // A new set of suggestions starts with none chosen; a new page closes the list.
  useEffect(() => setActive(-1), [found.data]);
  // (Not while typing: the search's own move to /search keeps the suggestions open under the box.)
  useEffect(() => {
    if (pathname && document.activeElement !== input.current) setOpen(false);
  }, [pathname]);

  const choose = (s: Suggestion) => {
    dirty.current = false;
    setOpen(false);
    router.push(s.href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!expanded) {
        setOpen(true);
        return;
      }
      e.preventDefault();
      const last = suggestions.length - 1;
      setActive((i) => (e.key === "ArrowDown" ? (i >= last ? 0 : i + 1) : i <= 0 ? last : i - 1));
      return;
    }
    if (e.key === "Escape" && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
      return;
    }
    if (e.key === "Enter" && expanded && active >= 0 && suggestions[active]) {
      e.preventDefault();
      choose(suggestions[active]);
    }
  };

  return (
    <search className="relative">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          dirty.current = false;
          setOpen(false);
          const q = boundQuery(value);
          router.push(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
        }}
      >
        <label htmlFor="site-search" className="sr-only">
          Search products
        </label>
        <input
          ref={input}
          id="site-search"
          type="search"
          name="q"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? suggestions[active]?.id : undefined}
          autoComplete="off"
          placeholder="Search"
          maxLength={SEARCH_MAX_LENGTH}
          value={value}
          onChange={(e) => {
            dirty.current = true;
            setValue(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className="h-10 w-full rounded-full border border-neutral-300 bg-neutral-50 px-4 text-sm outline-none placeholder:text-neutral-500 focus:border-brand-500 focus:bg-white focus:ring-2 focus:ring-brand-100"
        />
      </form>
      <div
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-40 mt-1 max-h-[70vh] overflow-y-auto rounded-xl border border-neutral-200 bg-white py-1 shadow-xl"
      >
        {suggestions.map((s, i) => (
          // The input keeps focus and handles the keys (aria-activedescendant); a pointer picks directly.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard
          <div
            key={s.id}
            id={s.id}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(s)}
            className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm ${i === active ? "bg-brand-50 outline-2 -outline-offset-2 outline-brand-600" : "hover:bg-neutral-50"}`}
          >
            {s.image ? (
              <img src={s.image} alt="" className="h-9 w-9 shrink-0 rounded-md bg-neutral-100 object-cover" />
            ) : (
              <span
                aria-hidden
                className="grid h-9 w-9 shrink-0 place-items-center rounded-md bg-neutral-100 text-neutral-600"
              >
                #
              </span>
            )}
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-ink">{s.label}</span>
              <span className="block truncate text-xs text-neutral-600">{s.detail}</span>
            </span>
          </div>
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {expanded ? `${suggestions.length} suggestions, use the arrow keys to choose` : ""}
      </p>
    </search>
  );
}
