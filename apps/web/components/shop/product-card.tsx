import Link from "next/link";
import { SaveButton } from "@/components/shop/save-button.tsx";
import { Money } from "@/components/ui/money.tsx";
import type { ListedProduct } from "@/lib/shop/types.ts";
import { ProductPicture } from "./product-picture.tsx";

/** One product in a grid: image, brand, title and "from" price (struck-through when on sale), and a heart to save it. */
export function ProductCard({ product, priority = false }: { product: ListedProduct; priority?: boolean }) {
  const image = product.images[0];
  const cheapest = product.variants.reduce<ListedProduct["variants"][number] | undefined>(
    (best, v) => (!best || v.price < best.price ? v : best),
    undefined,
  );
  const compareAt = cheapest?.compareAtPrice ?? null;
  const onlyPrice = product.variants.every((v) => v.price === product.minPrice);
  // The heart sits beside the link, not inside it: a button within a link is not operable alone.
  const saveSku = cheapest?.sku ?? product.variants[0]?.sku;
  return (
    <div className="relative">
      <Link
        prefetch={false}
        href={`/p/${product.slug}`}
        className="group block rounded-xl focus-visible:outline-2 focus-visible:outline-offset-4"
        data-testid="product-card"
      >
        <div className="relative aspect-square overflow-hidden rounded-xl bg-neutral-100">
          {image ? (
            <ProductPicture
              url={image.url}
              alt={image.alt}
              sizes="(min-width: 1024px) 25vw, (min-width: 640px) 33vw, 50vw"
              eager={priority}
              className="object-cover transition duration-300 group-hover:scale-[1.03]"
            />
          ) : null}
          {compareAt ? (
            <span className="absolute top-2 left-2 rounded-full bg-red-600 px-2 py-0.5 text-xs font-semibold text-white">
              Sale
            </span>
          ) : null}
          {!product.inStock ? (
            <span className="absolute bottom-2 left-2 rounded-full bg-white/90 px-2 py-0.5 text-xs font-medium text-neutral-700">
              Sold out
            </span>
          ) : null}
        </div>
        <div className="mt-3 space-y-0.5">
          {product.brand ? <p className="text-xs uppercase tracking-wide text-neutral-500">{product.brand}</p> : null}
          <h3 className="text-sm font-medium text-ink group-hover:text-brand-700">{product.title}</h3>
          {product.rating.average !== null ? (
            <p className="text-xs text-neutral-700">
              <span aria-hidden="true" className="text-amber-600">
                ★
              </span>{" "}
              {product.rating.average.toFixed(1)}
              <span className="sr-only"> out of 5 stars,</span> ({product.rating.count}
              <span className="sr-only"> {product.rating.count === 1 ? "review" : "reviews"}</span>)
            </p>
          ) : null}
          <p className="text-sm">
            {onlyPrice ? null : <span className="text-neutral-500">From </span>}
            <Money amount={product.minPrice} currency={product.currency} className={compareAt ? "text-red-700" : ""} />
            {compareAt ? (
              <s className="ml-2 text-neutral-500">
                <Money amount={compareAt} currency={product.currency} />
              </s>
            ) : null}
          </p>
        </div>
      </Link>
      {saveSku ? (
        <div className="absolute top-2 right-2">
          <SaveButton sku={saveSku} title={product.title} compact />
        </div>
      ) : null}
    </div>
  );
}

export function ProductGrid({ products }: { products: ListedProduct[] }) {
  return (
    <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((p, i) => (
        <li key={p.id}>
          <ProductCard product={p} priority={i < 4} />
        </li>
      ))}
    </ul>
  );
}

export function ProductGridSkeleton({ count = 8 }: { count?: number }) {
  return (
    <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4" aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        <li key={i} className="animate-pulse">
          <div className="aspect-square rounded-xl bg-neutral-100" />
          <div className="mt-3 h-3 w-1/3 rounded bg-neutral-100" />
          <div className="mt-2 h-4 w-2/3 rounded bg-neutral-100" />
          <div className="mt-2 h-4 w-1/4 rounded bg-neutral-100" />
        </li>
      ))}
    </ul>
  );
}
