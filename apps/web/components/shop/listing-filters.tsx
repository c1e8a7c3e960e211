"use client";
import { type Currency, formatMoney } from "@mercato/pricing";
import { useRouter } from "next/navigation";
import { type FormEvent, useOptimistic, useTransition } from "react";
import { type ListingState, listingQuery, PAGE_SIZE, SORT_LABELS, type Sort } from "@/lib/shop/listing.ts";
import { currencySymbol } from "@/lib/shop/region-choice.ts";
import type { Facets } from "@/lib/shop/types.ts";

export interface OptionGroup {
  name: string;
  values: string[];
}

interface Props {
  basePath: string;
  state: ListingState;
  facets: Facets;
  optionGroups: OptionGroup[];
  /** The shopper's region's currency: the facets' buckets and the price inputs are in it. */
  currency: Currency;
  /** Category facets link into categories (search pages only). */
  showCategories: boolean;
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

/** Brand, price, option and stock filters; each change is a new URL (shareable, back works). */
/** A price bound in euros, starting from the current filter's (in cents). */
function PriceInput({ label, name, cents }: { label: string; name: string; cents: number | undefined }) {
  return (
    <label className="block flex-1">
      <span className="mb-1 block text-xs text-neutral-500">{label}</span>
      <input
        name={name}
        inputMode="decimal"
        defaultValue={cents !== undefined ? cents / 100 : ""}
        className="w-full rounded-lg border border-neutral-300 px-2 py-1.5"
      />
    </label>
  );
}

export function ListingFilters({ basePath, state: current, facets, optionGroups, currency, showCategories }: Props) {
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

  return (
    <div className={`space-y-6 text-sm transition-opacity ${pending ? "opacity-60" : ""}`} aria-busy={pending}>
      {showCategories && facets.categories.length > 0 ? (
        <fieldset>
          <legend className="mb-2 font-semibold">Category</legend>
          <ul className="space-y-1">
            {facets.categories
              .filter((c) => c.parentId === null || facets.categories.some((p) => p.id === c.parentId))
              .map((c) => (
                <li key={c.id} className={c.parentId ? "pl-4" : ""}>
                  <label className="flex cursor-pointer items-center gap-2">
                    <input
                      type="radio"
                      name="category"
                      checked={state.category === c.slug}
                      onChange={() => go({ ...state, category: c.slug })}
                      className="accent-brand-600"
                    />
                    <span className="flex-1">{c.name}</span>
                    <span className="text-neutral-500">{c.count}</span>
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

      {facets.brands.length > 0 ? (
        <fieldset>
          <legend className="mb-2 font-semibold">Brand</legend>
          <ul className="space-y-1">
            {facets.brands.map((b) =>
              b.value ? (
                <li key={b.value}>
                  <label className="flex cursor-pointer items-center gap-2">
                    <input
                      type="checkbox"
                      checked={state.brands.includes(b.value)}
                      onChange={() => go({ ...state, brands: toggle(state.brands, b.value!) })}
                      className="accent-brand-600"
                    />
                    <span className="flex-1">{b.value}</span>
                    <span className="text-neutral-500">{b.count}</span>
                  </label>
                </li>
              ) : null,
            )}
          </ul>
        </fieldset>
      ) : null}

      <fieldset>
        <legend className="mb-2 font-semibold">Price</legend>
        <ul className="space-y-1">
          {facets.price
            .filter((p) => p.count > 0)
            .map((p) => {
              const max = p.max === null ? undefined : p.max - 1;
              const checked = state.minPrice === p.min && state.maxPrice === max;
              return (
                <li key={p.min}>
                  <label className="flex cursor-pointer items-center gap-2">
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
                    <span className="text-neutral-500">{p.count}</span>
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

      {optionGroups.map((group) => (
        <fieldset key={group.name}>
          <legend className="mb-2 font-semibold">{label(group.name)}</legend>
          <div className="flex flex-wrap gap-1.5">
            {group.values.map((value) => {
              const chosen = state.options[group.name] ?? [];
              const on = chosen.includes(value);
              return (
                <button
                  key={value}
                  type="button"
                  aria-pressed={on}
                  onClick={() => go({ ...state, options: { ...state.options, [group.name]: toggle(chosen, value) } })}
                  className={`rounded-full border px-3 py-1 text-xs font-medium ${on ? "border-brand-600 bg-brand-600 text-white" : "border-neutral-300 hover:border-neutral-400"}`}
                >
                  {value}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}

      <label className="flex cursor-pointer items-center gap-2 font-medium">
        <input
          type="checkbox"
          checked={state.inStock}
          onChange={() => go({ ...state, inStock: !state.inStock })}
          className="accent-brand-600"
        />
        In stock only <span className="font-normal text-neutral-500">({facets.inStock})</span>
      </label>
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
