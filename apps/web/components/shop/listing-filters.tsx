"use client";
import { type Currency, formatMoney } from "@mercato/pricing";
import { useRouter } from "next/navigation";
import { type FormEvent, useOptimistic, useTransition } from "react";
import {
  compareOptionValues,
  type ListingState,
  listingQuery,
  PAGE_SIZE,
  SORT_LABELS,
  type Sort,
} from "@/lib/shop/listing.ts";
import { currencySymbol } from "@/lib/shop/region-choice.ts";
import type { Facets } from "@/lib/shop/types.ts";

interface Props {
  basePath: string;
  state: ListingState;
  facets: Facets;
  /** The shopper's region's currency: the facets' buckets and the price inputs are in it. */
  currency: Currency;
  /** Category facets link into categories (search pages only). */
  showCategories: boolean;
  /** Tells the desktop column from the phone's sheet apart (radio groups and ids are per copy). */
  idPrefix: string;
}

/**
 * Navigates to a listing's new URL. The controls show the new choice at once (optimistic) while
 * the server renders the page for it.
 */
function useListingNavigation(basePath: string, current: ListingState) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setOptimistic] = useOptimistic(current, (_: ListingState, next: ListingState) => next);
  const go = (next: ListingState) => {
    // A new filter starts again from the first page.
    const query = listingQuery({ ...next, shown: PAGE_SIZE });
    startTransition(() => {
      setOptimistic(next);
      router.push(query ? `${basePath}?${query}` : basePath, { scroll: false });
    });
  };
  return { go, pending, state };
}

const toggle = (list: string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

const label = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * A facet's values with the chosen ones kept even when the other filters leave them no product
 * (count 0), so a choice can always be undone where it was made.
 */
function withChosen<T extends { count: number }>(
  values: T[],
  chosen: string[],
  key: (v: T) => string | null,
  make: (value: string) => T,
) {
  const shown = values.filter((v) => v.count > 0 || chosen.includes(key(v) ?? ""));
  for (const c of chosen) if (!shown.some((v) => key(v) === c)) shown.push(make(c));
  return shown;
}

/** A price bound in the region's currency, starting from the current filter's (in minor units). */
function PriceInput({ label, name, cents }: { label: string; name: string; cents: number | undefined }) {
  return (
    <label className="block flex-1">
      <span className="mb-1 block text-xs text-neutral-600">{label}</span>
      <input
        name={name}
        inputMode="decimal"
        defaultValue={cents !== undefined ? cents / 100 : ""}
        className="w-full rounded-lg border border-neutral-300 px-2 py-1.5"
      />
    </label>
  );
}

const Count = ({ n }: { n: number }) => <span className="text-neutral-600">({n})</span>;

/**
 * Category (search pages), brand, price, option and stock filters; each change is a new URL
 * (shareable, back works). Brands and option values are multi-select: OR within a facet, AND
 * across facets, and each count says what the list holds with that value added (the catalog
 * counts a facet with every other filter applied, not its own).
 */
export function ListingFilters({ basePath, state: current, facets, currency, showCategories, idPrefix }: Props) {
  const { go, pending, state } = useListingNavigation(basePath, current);
  const money = (n: number) => formatMoney(n, currency);

  const submitRange = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const toMinor = (v: FormDataEntryValue | null) => {
      const n = Number.parseFloat(String(v ?? "").replace(",", "."));
      return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
    };
    go({ ...state, minPrice: toMinor(form.get("min")), maxPrice: toMinor(form.get("max")) });
  };

  const brands = withChosen(
    facets.brands.filter((b) => b.value !== null),
    state.brands,
    (b) => b.value,
    (value) => ({ value, count: 0 }),
  );
  const options = [...facets.options.map((o) => o.name), ...Object.keys(state.options)]
    .filter((name, i, all) => all.indexOf(name) === i)
    .map((name) => {
      const chosen = state.options[name] ?? [];
      const values = withChosen(
        facets.options.find((o) => o.name === name)?.values ?? [],
        chosen,
        (v) => v.value,
        (value) => ({ value, count: 0 }),
      ).sort((a, b) => compareOptionValues(a.value, b.value));
      return { name, chosen, values };
    })
    // One value alone narrows nothing: such an option is no choice (unless it is chosen).
    .filter((o) => o.values.length > 1 || o.chosen.length > 0);

  return (
    <div className={`space-y-6 text-sm transition-opacity ${pending ? "opacity-60" : ""}`} aria-busy={pending}>
      {showCategories && facets.categories.length > 0 ? (
        <fieldset data-facet="category">
          <legend className="mb-2 font-semibold">Category</legend>
          <ul className="space-y-1">
            {facets.categories.map((c) => (
              // The catalog answers the categories in tree order, each with its depth.
              <li key={c.id} style={c.depth ? { paddingLeft: `${c.depth}rem` } : undefined}>
                <label className="flex min-h-8 cursor-pointer items-center gap-2">
                  <input
                    type="radio"
                    name={`${idPrefix}-category`}
                    checked={state.category === c.slug}
                    onChange={() => go({ ...state, category: c.slug })}
                    className="accent-brand-600"
                  />
                  <span className="flex-1">{c.name}</span>
                  <Count n={c.count} />
                </label>
              </li>
            ))}
          </ul>
          {state.category ? (
            <button
              type="button"
              className="mt-1 text-brand-700 underline"
              onClick={() => go({ ...state, category: undefined })}
            >
              All categories
            </button>
          ) : null}
        </fieldset>
      ) : null}

      {brands.length > 0 ? (
        <fieldset data-facet="brand">
          <legend className="mb-2 font-semibold">Brand</legend>
          <ul className="space-y-1">
            {brands.map((b) => {
              const value = b.value ?? "";
              return (
                <li key={value}>
                  <label className="flex min-h-8 cursor-pointer items-center gap-2">
                    <input
                      type="checkbox"
                      checked={state.brands.includes(value)}
                      onChange={() => go({ ...state, brands: toggle(state.brands, value) })}
                      className="accent-brand-600"
                    />
                    <span className="flex-1">{value}</span>
                    <Count n={b.count} />
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}

      <fieldset data-facet="price">
        <legend className="mb-2 font-semibold">Price</legend>
        <ul className="space-y-1">
          {facets.price.map((p) => {
            const max = p.max === null ? undefined : p.max - 1;
            const checked = state.minPrice === p.min && state.maxPrice === max;
            if (p.count === 0 && !checked) return null;
            return (
              <li key={p.min}>
                <label className="flex min-h-8 cursor-pointer items-center gap-2">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={() =>
                      go(
                        checked
                          ? { ...state, minPrice: undefined, maxPrice: undefined }
                          : { ...state, minPrice: p.min, maxPrice: max },
                      )
                    }
                    className="accent-brand-600"
                  />
                  <span className="flex-1">
                    {p.max === null ? `${money(p.min)} and up` : `${money(p.min)} – ${money(p.max)}`}
                  </span>
                  <Count n={p.count} />
                </label>
              </li>
            );
          })}
        </ul>
        <form onSubmit={submitRange} className="mt-3 flex items-end gap-2" key={`${state.minPrice}-${state.maxPrice}`}>
          <PriceInput label={`Min (${currencySymbol(currency)})`} name="min" cents={state.minPrice} />
          <PriceInput label={`Max (${currencySymbol(currency)})`} name="max" cents={state.maxPrice} />
          <button
            type="submit"
            className="rounded-lg border border-neutral-300 px-3 py-1.5 font-medium hover:bg-neutral-50"
          >
            Go
          </button>
        </form>
      </fieldset>

      {options.map((group) => (
        <fieldset key={group.name} data-facet={`option-${group.name}`}>
          <legend className="mb-2 font-semibold">{label(group.name)}</legend>
          <div className="flex flex-wrap gap-1.5">
            {group.values.map(({ value, count }) => {
              const on = group.chosen.includes(value);
              return (
                <button
                  key={value}
                  type="button"
                  aria-pressed={on}
                  onClick={() =>
                    go({ ...state, options: { ...state.options, [group.name]: toggle(group.chosen, value) } })
                  }
                  className={`min-h-8 rounded-full border px-3 py-1 text-xs font-medium ${on ? "border-brand-600 bg-brand-600 text-white" : "border-neutral-300 hover:border-neutral-400"}`}
                >
                  {value} <span className={on ? "" : "text-neutral-600"}>({count})</span>
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}

      <fieldset data-facet="stock">
        <legend className="sr-only">Availability</legend>
        <label className="flex min-h-8 cursor-pointer items-center gap-2 font-medium">
          <input
            type="checkbox"
            checked={state.inStock}
            onChange={() => go({ ...state, inStock: !state.inStock })}
            className="accent-brand-600"
          />
          In stock only <span className="font-normal text-neutral-600">({facets.inStock})</span>
        </label>
      </fieldset>

      <fieldset data-facet="rating">
        <legend className="mb-2 font-semibold">Customer rating</legend>
        <div className="flex flex-wrap gap-1.5">
          {facets.ratings.map(({ min, count }) => {
            const on = state.minRating === min;
            return (
              <button
                key={min}
                type="button"
                aria-pressed={on}
                onClick={() => go({ ...state, minRating: on ? undefined : min })}
                className={`min-h-8 rounded-full border px-3 py-1 text-xs font-medium ${on ? "border-brand-600 bg-brand-600 text-white" : "border-neutral-300 hover:border-neutral-400"}`}
              >
                {min}★ & up <span className={on ? "" : "text-neutral-600"}>({count})</span>
              </button>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The sort of a listing, as a select that navigates. */
export function SortSelect({ basePath, state: current }: { basePath: string; state: ListingState }) {
  const { go, state } = useListingNavigation(basePath, current);
  const sort = state.sort ?? (state.q ? "relevance" : "newest");
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-neutral-500">Sort</span>
      <select
        value={sort}
        onChange={(e) => go({ ...state, sort: e.target.value as Sort })}
        className="rounded-lg border border-neutral-300 bg-white px-2 py-1.5"
      >
        {(Object.keys(SORT_LABELS) as Sort[])
          .filter((s) => s !== "relevance" || state.q)
          .map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
      </select>
    </label>
  );
}
