import { ProductGridSkeleton } from "@/components/shop/product-card.tsx";

export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6" role="status" aria-label="Loading">
      {/* The page's heading while its results load, for screen readers (the bar below stands for it). */}
      <h1 className="sr-only">Loading search results</h1>
      <div className="mb-8 h-8 w-56 animate-pulse rounded bg-neutral-100" />
      <ProductGridSkeleton />
    </div>
  );
}
