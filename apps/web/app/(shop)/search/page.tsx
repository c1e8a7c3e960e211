import type { Metadata } from "next";
import Link from "next/link";
import { ProductListing } from "@/components/shop/product-listing.tsx";
import { catalog } from "@/lib/shop/catalog.ts";
import { listInput, parseListing, type SearchParams } from "@/lib/shop/listing.ts";
import { shopRegion } from "@/lib/shop/region.ts";

export const revalidate = 30;

interface Props {
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parseListing(await searchParams);
  return { title: q ? `Search: ${q}` : "All products", robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const state = parseListing(await searchParams);
  const { region } = await shopRegion();
  const list = await catalog().products.list.query(listInput(state, region.currency));
  // A search that found nothing (#25): the nearest spelling the shop knows, as a link.
  const suggestion =
    state.q && list.total === 0 ? (await catalog().products.didYouMean.query({ q: state.q })).suggestion : null;
  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight break-words">
        {state.q ? (
          <>
            Results for <span className="text-brand-700">“{state.q}”</span>
          </>
        ) : (
          "All products"
        )}
      </h1>
      {suggestion ? (
        <p className="mt-3 text-lg text-neutral-700" data-testid="did-you-mean">
          Did you mean{" "}
          <Link
            prefetch={false}
            href={`/search?${new URLSearchParams({ q: suggestion })}`}
            className="font-medium text-brand-700 underline"
          >
            {suggestion}
          </Link>
          ?
        </p>
      ) : null}
      <div className="mt-8">
        <ProductListing basePath="/search" state={state} list={list} region={region} showCategories />
      </div>
    </div>
  );
}
