import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Breadcrumbs } from "@/components/shop/breadcrumbs.tsx";
import { BuyBox } from "@/components/shop/buy-box.tsx";
import { ProductGrid } from "@/components/shop/product-card.tsx";
import { ProductGallery } from "@/components/shop/product-gallery.tsx";
import { RecentlyViewed, RecordView } from "@/components/shop/recently-viewed.tsx";
import { Stars } from "@/components/shop/review-summary.tsx";
import { ReviewsSection } from "@/components/shop/reviews-section.tsx";
import { SelectedVariantProvider } from "@/components/shop/selected-variant.tsx";
import { catalog } from "@/lib/shop/catalog.ts";
import { errorCode } from "@/lib/shop/errors.ts";
import { productJsonLd } from "@/lib/shop/json-ld.ts";
import { shopRegion } from "@/lib/shop/region.ts";

export const revalidate = 30;

interface Props {
  params: Promise<{ slug: string }>;
}

/**
 * One read per render for the metadata and the page, in the shopper's currency. A product the
 * region does not sell comes with no variants, and the buy box says so.
 */
const productBySlug = cache(async (slug: string) => {
  const { region } = await shopRegion();
  try {
    return await catalog().products.bySlug.query({ slug, currency: region.currency });
  } catch (err) {
    if (errorCode(err) === "NOT_FOUND") return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productBySlug((await params).slug);
  if (!product) return { title: "Product not found" };
  const description = product.description.slice(0, 160);
  return {
    title: product.title,
    description,
    alternates: { canonical: `/p/${product.slug}` },
    openGraph: { title: product.title, description, images: product.images.map((i) => i.url), type: "website" },
  };
}

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const product = await productBySlug(slug);
  if (!product) notFound();
  const { region } = await shopRegion();
  const related = await catalog()
    .products.related.query({ slug, limit: 4, currency: region.currency })
    .catch(() => []);
  const attributes = Object.entries(product.attributes);

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: productJsonLd(product) }} />
      <Breadcrumbs trail={product.breadcrumbs} />

      {/* The buy box's pick reaches the gallery through this (a variant's own image comes into view). */}
      <SelectedVariantProvider>
        <div className="mt-6 grid gap-10 md:grid-cols-2">
          <ProductGallery images={product.images} title={product.title} />
          <div>
            {product.brand ? (
              <p className="text-sm font-medium uppercase tracking-wide text-neutral-500">{product.brand}</p>
            ) : null}
            <h1 className="mt-1 text-3xl font-semibold tracking-tight">{product.title}</h1>
            {product.rating.average !== null ? (
              <p className="mt-2 text-sm">
                <a href="#reviews-heading" className="text-neutral-700 hover:underline">
                  <Stars rating={product.rating.average} /> {product.rating.average.toFixed(1)} ({product.rating.count}{" "}
                  {product.rating.count === 1 ? "review" : "reviews"})
                </a>
              </p>
            ) : null}
            <div className="mt-6">
              <BuyBox
                variants={product.variants}
                currency={product.currency}
                title={product.title}
                kind={product.kind}
              />
            </div>
            <div className="mt-10 border-t border-neutral-200 pt-6">
              <h2 className="text-sm font-semibold">Description</h2>
              <p className="mt-2 leading-relaxed text-neutral-700">{product.description}</p>
              {attributes.length > 0 ? (
                <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
                  {attributes.map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="font-medium capitalize text-neutral-500">{k}</dt>
                      <dd>{v}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </div>
          </div>
        </div>
      </SelectedVariantProvider>

      <ReviewsSection productId={product.id} next={`/p/${product.slug}`} rating={product.rating} />
      {related.length > 0 ? (
        <section aria-labelledby="related-heading" className="mt-16">
          <h2 id="related-heading" className="text-xl font-semibold tracking-tight">
            You may also like
          </h2>
          <div className="mt-6">
            <ProductGrid products={related} />
          </div>
        </section>
      ) : null}
      <RecentlyViewed exclude={product.slug} />
      <RecordView slug={product.slug} title={product.title} image={product.images[0]?.url ?? null} />
    </div>
  );
}
