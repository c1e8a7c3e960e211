import Link from "next/link";
import { ProductGrid } from "@/components/shop/product-card.tsx";
import { RecentlyViewed } from "@/components/shop/recently-viewed.tsx";
import { TaxNote } from "@/components/shop/tax-note.tsx";
import { Money } from "@/components/ui/money.tsx";
import { catalog } from "@/lib/shop/catalog.ts";
import { shopRegion } from "@/lib/shop/region.ts";
import { freeShippingThreshold } from "@/lib/shop/region-choice.ts";

export const revalidate = 30;

export default async function HomePage() {
  const api = catalog();
  const { region } = await shopRegion();
  const { currency } = region;
  const [tree, newest, sale] = await Promise.all([
    api.categories.tree.query(),
    api.products.list.query({ sort: "newest", limit: 8, currency }),
    api.products.list
      .query({ category: "clothing", sort: "price_desc", inStock: true, limit: 4, currency })
      .catch(() => null),
  ]);
  const freeAbove = freeShippingThreshold(region);
  return (
    <div>
      <section className="bg-gradient-to-br from-brand-50 via-white to-brand-100">
        <div className="mx-auto grid max-w-7xl gap-8 px-4 py-14 sm:px-6 md:grid-cols-2 md:items-center md:py-20">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">New season</p>
            <h1 className="mt-3 text-4xl font-semibold tracking-tight text-ink sm:text-5xl">
              Everyday things, well made.
            </h1>
            <p className="mt-4 max-w-md text-lg text-neutral-600">
              Clothing, shoes and home goods from makers we trust.
              {freeAbove !== null ? (
                <>
                  {" "}
                  Free shipping to {region.name} over <Money amount={freeAbove} currency={currency} />.
                </>
              ) : null}
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link
                prefetch={false}
                href="/c/clothing"
                className="rounded-lg bg-brand-600 px-5 py-3 text-sm font-medium text-white hover:bg-brand-700"
              >
                Shop clothing
              </Link>
              <Link
                prefetch={false}
                href="/search?sort=newest"
                className="rounded-lg border border-neutral-300 bg-white px-5 py-3 text-sm font-medium hover:bg-neutral-50"
              >
                See what is new
              </Link>
            </div>
          </div>
          {sale?.items.length ? (
            <ul className="hidden max-w-md grid-cols-2 gap-4 justify-self-end md:grid" aria-hidden>
              {sale.items.slice(0, 4).map((p) => (
                <li key={p.id} className="overflow-hidden rounded-2xl bg-white shadow-sm">
                  <img src={p.images[0]?.url} alt="" className="aspect-square w-full object-cover" />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>

      <div className="mx-auto max-w-7xl px-4 sm:px-6">
        <section aria-labelledby="categories-heading" className="py-12">
          <h2 id="categories-heading" className="text-2xl font-semibold tracking-tight">
            Shop by category
          </h2>
          <ul className="mt-6 grid grid-cols-2 gap-4 md:grid-cols-4">
            {tree.map((c) => (
              <li key={c.id}>
                <Link
                  prefetch={false}
                  href={`/c/${c.slug}`}
                  className="group block h-full rounded-2xl border border-neutral-200 p-5 transition hover:border-brand-500 hover:shadow-sm"
                >
                  <p className="font-semibold group-hover:text-brand-700">{c.name}</p>
                  <p className="mt-1 text-sm text-neutral-500">{c.children.map((s) => s.name).join(" · ")}</p>
                </Link>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="new-heading" className="pb-8">
          <div className="flex items-end justify-between">
            <div>
              <h2 id="new-heading" className="text-2xl font-semibold tracking-tight">
                New arrivals
              </h2>
              <TaxNote region={region} />
            </div>
            <Link
              prefetch={false}
              href="/search?sort=newest"
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              View all
            </Link>
          </div>
          <div className="mt-6">
            <ProductGrid products={newest.items} />
          </div>
        </section>
        <div className="pb-12">
          <RecentlyViewed />
        </div>
      </div>
    </div>
  );
}
