import type { Metadata } from "next";
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
      <div className="mt-8">
        <ProductListing basePath="/search" state={state} list={list} region={region} showCategories />
      </div>
    </div>
  );
}
