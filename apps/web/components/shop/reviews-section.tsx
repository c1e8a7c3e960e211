// The product page's reviews, rendered on the server: the heading and the rating summary (average,
// count, a bar per star) from the product read, so they are in the HTML for search engines and
// match the JSON-LD. The interactive section (sorted pages, the write/edit form, report links) is
// product-reviews.tsx, whose code loads only when this nears the viewport (lazy-reviews.tsx):
// it is the page's largest client component and sits below the fold.
//
// The summary is review-summary.tsx's, the one product-reviews.tsx shows too, so the swap does not
// move anything.
import type { RatingSummary } from "@mercato/catalog/contract";
import { LazyProductReviews } from "./lazy-reviews.tsx";
import { ReviewsSummary } from "./review-summary.tsx";

/** The reviews section: the server-rendered summary until the interactive one has loaded. */
export function ReviewsSection({
  productId,
  next,
  rating,
}: {
  productId: string;
  next: string;
  rating: RatingSummary;
}) {
  return (
    <LazyProductReviews productId={productId} next={next}>
      <section aria-labelledby="reviews-heading" className="mt-16 border-t border-neutral-200 pt-8">
        <h2 id="reviews-heading" className="text-xl font-semibold tracking-tight">
          Reviews
        </h2>
        <div className="mt-4">
          <ReviewsSummary summary={rating} />
        </div>
      </section>
    </LazyProductReviews>
  );
}
