import type { RegionRules } from "@mercato/pricing";
import Link from "next/link";
import { Empty } from "@/components/ui/states.tsx";
import { activeFilters, hasFilters, type ListingState, listingQuery, PAGE_SIZE } from "@/lib/shop/listing.ts";
import type { ProductList } from "@/lib/shop/types.ts";
import { FilterSheet } from "./filter-sheet.tsx";
import { ListingFilters, SortSelect } from "./listing-filters.tsx";
import { ProductGrid } from "./product-card.tsx";
import { TaxNote } from "./tax-note.tsx";

interface Props {
  basePath: string;
  state: ListingState;
  list: ProductList;
  /** The shopper's region: prices are in its currency, with its tax basis said once. */
  region: RegionRules;
  showCategories?: boolean;
}

/**
 * A product listing rendered on the server: filters beside the grid (folded away on phones),
 * sort, count, and "Load more", which is a link raising `shown` so it is in the URL too.
 */
export function ProductListing({ basePath, state, list, region, showCategories = false }: Props) {
  const { currency } = region;
  const moreQuery = listingQuery({ ...state, shown: state.shown + PAGE_SIZE });
  const clearQuery = listingQuery({
    ...state,
    brands: [],
    options: {},
    inStock: false,
    minPrice: undefined,
    maxPrice: undefined,
    shown: PAGE_SIZE,
  });
  const clearHref = clearQuery ? `${basePath}?${clearQuery}` : basePath;
  const filters = (prefix: string) => (
    <ListingFilters
      basePath={basePath}
      state={state}
      facets={list.facets}
      currency={currency}
      showCategories={showCategories}
      idPrefix={prefix}
    />
  );

  return (
    <div className="lg:grid lg:grid-cols-[15rem_1fr] lg:gap-10">
      <aside aria-label="Filters" className="hidden lg:block">
        {filters("side")}
      </aside>
      <div>
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-neutral-600" aria-live="polite" data-testid="result-count">
            {list.total} {list.total === 1 ? "product" : "products"}
            <span className="text-neutral-500"> · </span>
            <TaxNote region={region} inline />
            {hasFilters(state) ? (
              <>
                {" · "}
                <Link prefetch={false} href={clearHref} className="text-brand-700 underline" scroll={false}>
                  Clear filters
                </Link>
              </>
            ) : null}
          </p>
          <div className="flex items-center gap-3">
            <FilterSheet
              total={list.total}
              active={activeFilters(state)}
              clearHref={hasFilters(state) ? clearHref : null}
            >
              {filters("sheet")}
            </FilterSheet>
            <SortSelect basePath={basePath} state={state} />
          </div>
        </div>
        {/* The cards' titles are h3: this keeps the page's headings in order (h1, h2, h3). */}
        <h2 className="sr-only">Products</h2>
        {list.items.length === 0 ? (
          <Empty title="No products match">
            {hasFilters(state) ? "Try removing a filter." : state.q ? "Check the spelling or try another word." : null}
          </Empty>
        ) : (
          <ProductGrid products={list.items} />
        )}
        {list.nextCursor && state.shown + PAGE_SIZE <= 96 ? (
          <div className="mt-10 text-center">
            <Link
              prefetch={false}
              href={`${basePath}?${moreQuery}`}
              scroll={false}
              className="inline-flex rounded-lg border border-neutral-300 px-5 py-2.5 text-sm font-medium hover:bg-neutral-50"
            >
              Load more ({list.total - list.items.length} more)
            </Link>
          </div>
        ) : null}
      </div>
    </div>
  );
}
