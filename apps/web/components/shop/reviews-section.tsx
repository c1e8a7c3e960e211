// The product page's reviews, rendered on the server: the heading and the rating summary (average,
// count, a bar per star) from the product read, so they are in the HTML for search engines and
// match the JSON-LD. The interactive section (sorted pages, the write/edit form, report links) is
// product-reviews.tsx, whose code loads only when this nears the viewport (lazy-reviews.tsx):
// it is the page's largest client component and sits below the fold.
//
// No "use client" here: importing Stars from product-reviews.tsx would put that whole module back
// into the page's first load. The markup matches product-reviews.tsx's Stars and Summary, so the
// swap does not move anything.
import { RATING, type RatingSummary } from "@mercato/catalog/contract";
import { LazyProductReviews } from "./lazy-reviews.tsx";

/** "★★★★☆" with the number for screen readers. */
export function Stars({ rating, label }: { rating: number; label?: string }) {
  const whole = Math.round(rating);
  return (
    <span role="img" aria-label={label ?? `${rating} out of ${RATING.max} stars`} className="text-amber-600">
      {"★".repeat(whole)}
      <span className="text-neutral-400">{"★".repeat(RATING.max - whole)}</span>
    </span>
  );
}

/** The average, the count and a bar per star. */
export function ReviewsSummary({ summary }: { summary: RatingSummary }) {
  if (summary.count === 0 || summary.average === null) {
    return <p className="text-sm text-neutral-600">No reviews yet.</p>;
  }
  return (
    <div className="flex flex-wrap gap-8">
      <div>
        <p className="text-4xl font-semibold">{summary.average.toFixed(1)}</p>
        <Stars rating={summary.average} />
        <p className="text-sm text-neutral-600">
          {summary.count} {summary.count === 1 ? "review" : "reviews"}
        </p>
      </div>
      <ol className="min-w-56 flex-1 space-y-1 text-sm" aria-label="Ratings histogram">
        {[5, 4, 3, 2, 1].map((star) => {
          const n = summary.histogram[star - 1] ?? 0;
          const share = Math.round((n / summary.count) * 100);
          return (
            <li key={star} className="flex items-center gap-2">
              <span className="w-8 text-neutral-700">{star}★</span>
              <span className="h-2 flex-1 rounded bg-neutral-200" aria-hidden="true">
                <span className="block h-2 rounded bg-amber-500" style={{ width: `${share}%` }} />
              </span>
              <span className="w-20 text-right text-neutral-700">
                {n} <span className="sr-only">with {star} stars</span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

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
