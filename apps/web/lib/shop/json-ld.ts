import type { ProductPage } from "./types.ts";

/** Minor units to the decimal string schema.org expects (2-decimal currencies: EUR, USD, GBP). */
function decimal(minor: number): string {
  return (minor / 100).toFixed(2);
}

/**
 * schema.org Product with one Offer per variant, for search engines' rich results. Serialised
 * with "<" escaped so no text from the catalog can close the script element.
 */
export function productJsonLd(product: ProductPage): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    description: product.description,
    image: product.images.map((i) => i.url),
    sku: product.variants[0]?.sku,
    ...(product.brand ? { brand: { "@type": "Brand", name: product.brand } } : {}),
    // A product not sold in the shopper's currency has no variants here, so no offer either.
    ...(product.variants.length === 0 ? {} : { offers: offersOf(product) }),
    // The published reviews' average and count (#27), only once there is one: schema.org requires a count.
    ...(product.rating.average === null
      ? {}
      : {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: product.rating.average,
            reviewCount: product.rating.count,
            bestRating: 5,
            worstRating: 1,
          },
        }),
  };
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

function offersOf(product: ProductPage) {
  return {
    "@type": "AggregateOffer",
    priceCurrency: product.currency,
    lowPrice: decimal(Math.min(...product.variants.map((v) => v.price))),
    highPrice: decimal(Math.max(...product.variants.map((v) => v.price))),
    offerCount: product.variants.length,
    offers: product.variants.map((v) => ({
      "@type": "Offer",
      sku: v.sku,
      price: decimal(v.price),
      priceCurrency: v.currency,
      availability: v.available > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url: `/p/${product.slug}`,
    })),
  };
}
