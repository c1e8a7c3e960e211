import type { RegionRules } from "@mercato/pricing";
import Link from "next/link";
import { Empty } from "@/components/ui/states.tsx";
import { catalog } from "@/lib/shop/catalog.ts";
import { hasFilters, type ListingState, listingQuery, optionValues, PAGE_SIZE } from "@/lib/shop/listing.ts";
import type { ProductList } from "@/lib/shop/types.ts";
import { ListingFilters, SortSelect } from "./listing-filters.tsx";
import { ProductGrid } from "./product-card.tsx";
import { TaxNote } from "./tax-note.tsx";

interface Props {
  basePath: string;
  state: ListingState;
  /** The category of a category page (from its path). */
  category?: string;
  list: ProductList;
  /** The shopper's region: prices are in its currency, with its tax basis said once. */
  region: RegionRules;
  showCategories?: boolean;
}

/**
 * A product listing rendered on the server: filters beside the grid (folded away on phones),
 * sort, count, and "Load more", which is a link raising `shown` so it is in the URL too.
 */
export async function ProductListing({ basePath, state, category, list, region, showCategories = false }: Props) {
  // The catalog's facets have no option counts: offer the option values of the unfiltered set.
  const scope = await catalog()
    .products.list.query({
      ...(category ? { category } : state.category ? { category: state.category } : {}),
      ...(state.q ? { q: state.q } : {}),
      limit: 100,
      currency: region.currency,
    })
    .catch(() => null);
  const optionGroups = scope ? optionValues(scope.items).filter((g) => g.values.length > 1) : [];
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
  const filters = (
    <ListingFilters
      basePath={basePath}
      state={state}
      facets={list.facets}
      optionGroups={optionGroups}
      currency={currency}
      showCategories={showCategories}
    />
  );

  return (
    <div className="lg:grid lg:grid-cols-[15rem_1fr] lg:gap-10">
      <aside aria-label="Filters" className="hidden lg:block">
        {filters}
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
                <Link
                  prefetch={false}
                  href={clearQuery ? `${basePath}?${clearQuery}` : basePath}
                  className="text-brand-700 underline"
                  scroll={false}
                >
                  Clear filters
                </Link>
              </>
            ) : null}
          </p>
          <div className="flex items-center gap-3">
            <details className="relative lg:hidden">
              <summary className="cursor-pointer list-none rounded-lg border border-neutral-300 px-3 py-1.5 text-sm font-medium">
                Filters
              </summary>
              <div className="absolute right-0 z-20 mt-2 max-h-[70vh] w-72 overflow-y-auto rounded-xl border border-neutral-200 bg-white p-4 shadow-xl">
                {filters}
              </div>
            </details>
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
